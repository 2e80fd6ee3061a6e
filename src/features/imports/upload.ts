// Receiving an uploaded CSV: streamed to a private temporary file (never held in memory),
// with the size limit, "not a CSV" and "empty" answered as the GOV.UK file upload pattern says.
import { randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { FastifyRequest } from 'fastify';

/** The largest file accepted: about 150,000 rows of typical referrals. */
export const MAX_UPLOAD_BYTES = 50 * 1024 * 1024;
export const MAX_UPLOAD_TEXT = '50MB';

const uploadDir = path.join(tmpdir(), 'waymark-uploads');

export interface Upload {
  path: string;
  fileName: string;
  size: number;
}

export type Received =
  | { ok: true; upload: Upload; fields: Record<string, string> }
  | { ok: false; key: string; fields: Record<string, string> };

const looksLikeCsv = (fileName: string, mimetype: string) =>
  /\.csv$/i.test(fileName) || mimetype === 'text/csv';

/** Reads a multipart form with one file field named "file" and a few plain fields. */
export async function receiveUpload(request: FastifyRequest): Promise<Received> {
  await mkdir(uploadDir, { recursive: true, mode: 0o700 });
  const fields: Record<string, string> = {};
  let upload: Upload | undefined;
  let problem: string | undefined;
  const parts = request.parts({
    limits: { fileSize: MAX_UPLOAD_BYTES, files: 1, fields: 10, parts: 11 },
    throwFileSizeLimit: false,
  } as Parameters<FastifyRequest['parts']>[0]);
  for await (const part of parts) {
    if (part.type === 'field') {
      fields[part.fieldname] = String(part.value);
      continue;
    }
    if (part.fieldname !== 'file' || !part.filename) {
      part.file.resume();
      continue;
    }
    if (!looksLikeCsv(part.filename, part.mimetype)) {
      part.file.resume();
      problem = 'imports.errors.notCsvFile';
      continue;
    }
    const target = path.join(uploadDir, `${randomUUID()}.csv`);
    await pipeline(part.file, createWriteStream(target, { mode: 0o600 }));
    upload = { path: target, fileName: part.filename, size: (await stat(target)).size };
    if (part.file.truncated) problem = 'imports.errors.tooLarge';
    else if (upload.size === 0) problem = 'imports.errors.fileEmpty';
  }
  if (problem || !upload) {
    if (upload) await discardUpload(upload);
    return { ok: false, key: problem ?? 'imports.errors.fileRequired', fields };
  }
  return { ok: true, upload, fields };
}

export async function discardUpload(upload: Upload): Promise<void> {
  await rm(upload.path, { force: true });
}

/** Uploads left behind by a process that stopped mid-import, once they are a day old. */
export async function discardOldUploads(now = Date.now()): Promise<void> {
  const names = await readdir(uploadDir).catch(() => [] as string[]);
  for (const name of names) {
    const file = path.join(uploadDir, name);
    const info = await stat(file).catch(() => undefined);
    if (info && now - info.mtimeMs > 24 * 60 * 60 * 1000) await rm(file, { force: true });
  }
}
