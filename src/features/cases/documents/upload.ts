// Receiving an uploaded document: streamed into the store's private incoming folder (never held
// whole in memory), hashed and checked as it arrives, then judged by its content. Problems come
// back as the GOV.UK file upload pattern words them.
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { Transform } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';
import { checkDocument, textChecker, zipEntryNames } from './file-types.js';
import { cleanName, safeFileName } from './file-names.js';
import type { DocumentStore } from './store.js';

/** The largest document accepted. */
export const MAX_DOCUMENT_BYTES = 10 * 1024 * 1024;
export const MAX_DOCUMENT_TEXT = '10MB';

export interface ReceivedDocument {
  /** Where the checked file waits to be kept. */
  path: string;
  fileName: string;
  contentType: string;
  size: number;
  sha256: string;
}

export type Received = { ok: true; document: ReceivedDocument } | { ok: false; key: string };

/** Reads a multipart form with one file field named "file". */
export async function receiveDocument(
  request: FastifyRequest,
  store: DocumentStore,
): Promise<Received> {
  let received: Received | undefined;
  const parts = request.parts({
    limits: { fileSize: MAX_DOCUMENT_BYTES, files: 1, fields: 5, parts: 6 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0]);
  for await (const part of parts) {
    if (part.type === 'field') continue;
    if (part.fieldname !== 'file' || !part.filename || received) {
      part.file.resume();
      continue;
    }
    const target = await store.incomingPath();
    const hash = createHash('sha256');
    const text = textChecker();
    const head: Buffer[] = [];
    let headLength = 0;
    let size = 0;
    const inspect = new Transform({
      transform(chunk: Buffer, _encoding, done) {
        hash.update(chunk);
        text.push(chunk);
        size += chunk.length;
        if (headLength < 64) {
          head.push(chunk.subarray(0, 64 - headLength));
          headLength += Math.min(chunk.length, 64 - headLength);
        }
        done(null, chunk);
      },
    });
    await pipeline(part.file, inspect, createWriteStream(target, { mode: 0o600 }));
    received = await judge(target, {
      name: part.filename,
      truncated: part.file.truncated,
      size,
      head: Buffer.concat(head),
      isText: text.finish(),
      sha256: hash.digest('hex'),
    });
    if (!received.ok) await store.discard(target);
  }
  return received ?? { ok: false, key: 'cases.documents.errors.fileRequired' };
}

async function judge(
  target: string,
  file: {
    name: string;
    truncated: boolean;
    size: number;
    head: Buffer;
    isText: boolean;
    sha256: string;
  },
): Promise<Received> {
  if (file.truncated) return { ok: false, key: 'cases.documents.errors.tooLarge' };
  if (file.size === 0) return { ok: false, key: 'cases.documents.errors.empty' };
  const zipEntries =
    file.head.length >= 4 && file.head.readUInt32LE(0) === 0x04034b50
      ? await zipEntryNames(target, file.size)
      : undefined;
  const name = cleanName(file.name);
  const verdict = checkDocument(name, {
    head: file.head,
    isText: file.isText,
    zipEntries,
  });
  if (!verdict.ok) {
    return {
      ok: false,
      key:
        verdict.problem === 'mismatch'
          ? 'cases.documents.errors.mismatch'
          : 'cases.documents.errors.type',
    };
  }
  return {
    ok: true,
    document: {
      path: target,
      fileName: safeFileName(name, verdict.extension),
      contentType: verdict.contentType,
      size: file.size,
      sha256: file.sha256,
    },
  };
}
