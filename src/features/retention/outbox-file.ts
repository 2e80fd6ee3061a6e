// With WAYMARK_MAIL=file every email is appended to a JSON-lines file (to address, subject,
// body with its one-time link). Retention drops the lines older than the outbox's period,
// writing the rest to a new file and renaming it over the old one, so a crash midway leaves
// either the old file or the new, never half of one.
import { readFile, rename, writeFile } from 'node:fs/promises';

export async function pruneOutboxFile(
  file: string,
  before: Date,
  dryRun: boolean,
): Promise<number> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const kept = lines.filter((line) => {
    try {
      const at = Date.parse((JSON.parse(line) as { at?: string }).at ?? '');
      return !(at < before.getTime());
    } catch {
      return true; // A line we cannot read is left for a person to look at.
    }
  });
  const removed = lines.length - kept.length;
  if (!dryRun && removed > 0) {
    const next = `${file}.retention-${process.pid}`;
    await writeFile(next, kept.map((line) => `${line}\n`).join(''), { mode: 0o600 });
    await rename(next, file);
  }
  return removed;
}
