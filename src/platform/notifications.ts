// The notification port: services say what to send; an adapter sends it. Messages carry no
// personal data about victims or people who harmed, only a reference and a link to sign in.
// Every message is also recorded in the notifications table, sent or not.
import { appendFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.js';

export interface Message {
  to: string;
  subject: string;
  body: string;
}

export interface Transport {
  deliver(message: Message): Promise<void>;
}

/** Development: appends each message as a JSON line to a file, so nothing leaves the machine. */
export function fileTransport(file: string): Transport {
  return {
    async deliver(message) {
      await mkdir(path.dirname(file), { recursive: true });
      await appendFile(file, `${JSON.stringify({ at: new Date().toISOString(), ...message })}\n`);
    },
  };
}

/** Production: SMTP, e.g. smtp://user:pass@smtp.example.org:587. */
export function smtpTransport(url: string, from: string): Transport {
  const transporter = nodemailer.createTransport(url);
  return {
    async deliver(message) {
      await transporter.sendMail({
        from,
        to: message.to,
        subject: message.subject,
        text: message.body,
      });
    },
  };
}

/** Tests: keeps messages in memory to be read back. */
export function memoryTransport(): Transport & { sent: Message[] } {
  const sent: Message[] = [];
  return { sent, deliver: async (message) => void sent.push(message) };
}

export interface Notifier {
  /** Records and sends; a failure to send is recorded, never thrown at the caller. */
  send(message: Message): Promise<void>;
}

export function notifier(
  db: Kysely<DB>,
  transport: Transport,
  log: (error: unknown) => void = () => undefined,
): Notifier {
  return {
    async send(message) {
      const row = await db
        .insertInto('notifications')
        .values({ to_address: message.to, subject: message.subject, body: message.body })
        .returning('id')
        .executeTakeFirstOrThrow();
      try {
        await transport.deliver(message);
        await db
          .updateTable('notifications')
          .set({ sent_at: new Date() })
          .where('id', '=', row.id)
          .execute();
      } catch (error) {
        log(error);
        await db
          .updateTable('notifications')
          .set({ error: (error as Error).message.slice(0, 500) })
          .where('id', '=', row.id)
          .execute();
      }
    },
  };
}
