// What Waymark keeps on disk (the embedded database, case documents, the development outbox,
// the generated cookie secret) is for the account that runs it alone: folders 0700, files 0600
// (docs/adr/0015-private-data-folders.md). New files get that from the process umask and from
// the modes they are created with; a folder that is already looser (made by an older Waymark,
// copied in, or written loosely by the embedded database itself) is corrected at start.
import { chmodSync, lstatSync, mkdirSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { isMainThread } from 'node:worker_threads';

export const PRIVATE_UMASK = 0o077;
export const PRIVATE_FOLDER_MODE = 0o700;
export const PRIVATE_FILE_MODE = 0o600;
/** Permission bits for the group and everyone else. */
const OTHERS = 0o077;

/**
 * Files and folders the process creates from now on are its owner's alone. (Worker threads
 * cannot set it; they share the main thread's.)
 */
export function restrictUmask(): void {
  if (isMainThread) process.umask(PRIVATE_UMASK);
}

/** Makes a folder (and any missing parents) for the owner alone; tightens it if it exists. */
export function makePrivateFolder(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_FOLDER_MODE });
  const mode = lstatSync(dir).mode & 0o777;
  if (mode & OTHERS) chmodSync(dir, (mode & 0o700) | PRIVATE_FOLDER_MODE);
}

/**
 * Takes group and other permissions off every file and folder under `dir` (the folder
 * included); symbolic links are left alone, never followed. Answers how many were changed.
 * A folder that does not exist changes nothing.
 */
export function tightenFolder(dir: string): number {
  let corrected = 0;
  const visit = (entry: string) => {
    let stats;
    try {
      stats = lstatSync(entry);
    } catch {
      return; // gone meanwhile (the embedded database renames and removes its files)
    }
    if (stats.isSymbolicLink()) return;
    const mode = stats.mode & 0o777;
    if (mode & OTHERS) {
      const owner = mode & 0o700;
      chmodSync(entry, stats.isDirectory() ? owner | PRIVATE_FOLDER_MODE : owner);
      corrected++;
    }
    if (stats.isDirectory()) {
      for (const name of readdirSync(entry)) visit(path.join(entry, name));
    }
  };
  visit(path.resolve(dir));
  return corrected;
}

/** Files that others could read or write under `dir`, for checks and tests. */
export function looseEntries(dir: string): string[] {
  const loose: string[] = [];
  const visit = (entry: string) => {
    const stats = lstatSync(entry);
    if (stats.isSymbolicLink()) return;
    if (stats.mode & OTHERS) loose.push(entry);
    if (stats.isDirectory()) for (const name of readdirSync(entry)) visit(path.join(entry, name));
  };
  visit(path.resolve(dir));
  return loose;
}
