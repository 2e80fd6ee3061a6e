// The files an import reads and writes at the command line: the file checked readable before
// the database is opened, and FILE.rejects.csv written whole when some rows were rejected.
import { rename, rm, stat, writeFile } from 'node:fs/promises';
import { BOM } from './csv.js';
import { fileProblem } from './problems.js';

/** The file's size, or the problem with reading it (a file problem: exit code 1). */
export async function requireReadable(file: string): Promise<number> {
  try {
    const info = await stat(file);
    if (info.isDirectory()) throw Object.assign(new Error('folder'), { code: 'EISDIR' });
    return info.size;
  } catch (error) {
    const code = (error as { code?: string }).code ?? '';
    throw fileProblem(
      ['ENOENT', 'EACCES', 'EISDIR', 'EPERM'].includes(code)
        ? `imports.errors.file.${code}`
        : 'imports.errors.file.other',
    );
  }
}

/**
 * FILE.rejects.csv from its lines (the header line first): written only when a row was
 * rejected, and one left from an earlier run removed otherwise.
 */
export async function writeRejectsFile(path: string, lines: readonly string[], rejected: number) {
  if (rejected === 0) {
    await rm(path, { force: true });
    return;
  }
  await writeFile(`${path}.partial`, BOM + lines.join(''), { mode: 0o600 });
  await rename(`${path}.partial`, path);
}
