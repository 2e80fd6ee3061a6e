// The notification port: services say what to send; an adapter sends it. Messages carry no
// personal data about victims or people who harmed, only a reference and a link to sign in.
// Every message is also recorded in the notifications table, sent or not, with what could let
// someone act on it or find a person taken out: one-time link tokens and the recipient's address.
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Kysely } from 'kysely';
import nodemailer from 'nodemailer';
import type { DB } from '../db/schema.js';
import { systemClock, type Clock } from './clock.js';
import { PRIVATE_FILE_MODE, PRIVATE_FOLDER_MODE } from './private-files.js';

export interface Message {
  to: string;
  subject: string;
  body: string;
}

export interface Transport {
  deliver(message: Message): Promise<void>;
}

/** How long the development outbox keeps a message: long enough to follow its link. */
export const OUTBOX_KEEP_HOURS = 24;

/**
 * Development only: writes each message as a JSON line to a file, so nothing leaves the
 * machine. The file holds live one-time links and people's email addresses, so it is readable
 * by its owner alone and keeps only the last day's messages. Production refuses it unless told
 * (see config.ts).
 */
export function fileTransport(file: string, clock: Clock = systemClock): Transport {
  let writing = Promise.resolve();
  async function write(message: Message) {
    const now = clock.now();
    const cutoff = now.getTime() - OUTBOX_KEEP_HOURS * 3_600_000;
    await mkdir(path.dirname(file), { recursive: true, mode: PRIVATE_FOLDER_MODE });
    const kept = (await readFile(file, 'utf8').catch(() => ''))
      .split('\n')
      .filter((line) => line !== '' && Date.parse(outboxTime(line)) >= cutoff);
    kept.push(JSON.stringify({ at: now.toISOString(), ...message }));
    const partial = `${file}.partial`;
    await writeFile(partial, `${kept.join('\n')}\n`, { mode: PRIVATE_FILE_MODE });
    await rename(partial, file);
  }
  return {
    deliver(message) {
      // One message at a time: each rewrites the file.
      writing = writing.then(
        () => write(message),
        () => write(message),
      );
      return writing;
    },
  };
}

function outboxTime(line: string): string {
  try {
    return String((JSON.parse(line) as { at?: unknown }).at);
  } catch {
    return '';
  }
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
