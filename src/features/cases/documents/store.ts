// Where the files of case documents live: a folder outside the web root (WAYMARK_DOCUMENTS_DIR),
// each file under a random key, never under the name a user gave it. Nothing here knows about
// cases or people: the database row says which case a key belongs to and who may read it.
import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { createReadStream, type ReadStream } from 'node:fs';
import { copyFile, mkdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';

const KEY = /^[0-9a-f]{32}$/;

export interface StoredFile {
  key: string;
  size: number;
  sha256: string;
}

export function documentStore(dir: string) {
  const root = path.resolve(dir);
  const incoming = path.join(root, 'incoming');

  /** The file for a key; a key that is not one of ours cannot name a path. */
  function pathFor(key: string): string {
    if (!KEY.test(key)) throw new Error('not a document storage key');
    return path.join(root, key.slice(0, 2), key);
  }

  async function folderFor(key: string) {
    await mkdir(path.dirname(pathFor(key)), { recursive: true, mode: 0o700 });
  }

  return {
    /** The folder, for operators' checks and tests. */
    root,

    newKey: () => randomBytes(16).toString('hex'),

    /** A private path to receive an upload into before it is checked and kept. */
    async incomingPath(): Promise<string> {
      await mkdir(incoming, { recursive: true, mode: 0o700 });
      return path.join(incoming, randomUUID());
    },

    /** Keeps a received file (already checked) under a new key. */
    async keep(receivedPath: string): Promise<string> {
      const key = randomBytes(16).toString('hex');
      await folderFor(key);
      await rename(receivedPath, pathFor(key));
      return key;
    },

    /** Keeps bytes made here (a generated letter) under a new key. */
    async keepBytes(bytes: Buffer): Promise<StoredFile> {
      const key = randomBytes(16).toString('hex');
      await folderFor(key);
      await writeFile(pathFor(key), bytes, { mode: 0o600, flag: 'wx' });
      return { key, size: bytes.length, sha256: createHash('sha256').update(bytes).digest('hex') };
    },

    /** A second copy under a new key (a transfer takes its own copy of what it carries). */
    async copy(key: string): Promise<string> {
      const copyKey = randomBytes(16).toString('hex');
      await folderFor(copyKey);
      await copyFile(pathFor(key), pathFor(copyKey));
      return copyKey;
    },

    /** The file's bytes as a stream; fails if the file is missing. */
    async open(key: string): Promise<{ stream: ReadStream; size: number }> {
      const file = pathFor(key);
      const info = await stat(file);
      return { stream: createReadStream(file), size: info.size };
    },

    async remove(key: string): Promise<void> {
      await rm(pathFor(key), { force: true });
    },

    async discard(receivedPath: string): Promise<void> {
      if (path.dirname(receivedPath) === incoming) await rm(receivedPath, { force: true });
    },
  };
}

export type DocumentStore = ReturnType<typeof documentStore>;

const temporaryStores = new WeakMap<object, DocumentStore>();

/**
 * The store for a set of service dependencies: WAYMARK_DOCUMENTS_DIR, or without one (tests), one
 * new temporary folder per set, shared by every service built from it.
 */
export function storeFor(deps: { documentsDir?: string }): DocumentStore {
  if (deps.documentsDir) return documentStore(deps.documentsDir);
  let store = temporaryStores.get(deps);
  if (!store) {
    // Created when the first file is kept, so services that never keep one leave nothing.
    store = documentStore(path.join(tmpdir(), `waymark-documents-${randomUUID()}`));
    temporaryStores.set(deps, store);
  }
  return store;
}
