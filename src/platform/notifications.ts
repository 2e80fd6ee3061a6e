// The notification port: services say what to send; an adapter sends it. Messages carry no
// personal data about victims or people who harmed, only a reference and a link to sign in.
// Every message is also recorded in the notifications table, sent or not, with what could let
// someone act on it or find a person taken out: one-time link tokens and the recipient's address.
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
        .values({
          to_address: maskAddress(message.to),
          subject: message.subject,
          body: redactTokens(message.body),
        })
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

/** A one-time link in a message keeps its address but not its token: the log is not a key. */
export function redactTokens(body: string): string {
  return body.replace(/(https?:\/\/\S*?\/)[A-Za-z0-9_-]{20,}(?=[\s?#]|$)/g, '$1[token]');
}

/** Enough of an address to tell which one it was sent to: "g…@example.org". */
export function maskAddress(address: string): string {
  const at = address.lastIndexOf('@');
  return at > 0 ? `${address[0]}…${address.slice(at)}` : '…';
}
