// Reading an import's file in chunks: each chunk is checked, then written by whichever writer
// the import uses (staging, or straight into referrals). While the database writes one chunk,
// the next is read and checked.
import { chunksOf, type CsvFile, type CsvRow } from './csv.js';
import type { CheckedChunk } from './staging.js';

/** Thrown when an import is stopped: the server is stopping, or a sweep took it for abandoned. */
export class Interrupted extends Error {
  constructor() {
    super('the import was stopped');
  }
}

/** Reads the file in chunks; `C` is a chunk as checked, as the writer takes it. */
export interface ChunkPipeline<C = CheckedChunk> {
  csv: CsvFile;
  stop: AbortSignal;
  check(chunk: CsvRow[]): Promise<C>;
  /** Rows per chunk (csv.ts's CHUNK_ROWS unless said). */
  chunkRows?: number;
  /** Writes one checked chunk of `rows` rows, read up to `bytesRead` of the file. */
  write(checked: C, rows: number, bytesRead: number): Promise<void>;
}

/** Reads, checks and writes every chunk; settles once the last write has. */
export async function writeEveryChunk<C>(pipeline: ChunkPipeline<C>): Promise<void> {
  const { csv, stop, check, write, chunkRows } = pipeline;
  let writing: Promise<void> = Promise.resolve();
  const stage = async (chunk: CsvRow[]) => {
    const checked = await check(chunk);
    const bytesRead = csv.bytesRead();
    await writing;
    writing = write(checked, chunk.length, bytesRead);
    writing.catch(() => undefined); // awaited at the next chunk or the end
  };

  try {
    for await (const chunk of chunksOf(csv.rows, chunkRows)) {
      if (stop.aborted) throw new Interrupted();
      await stage(chunk);
    }
  } finally {
    await writing.catch(() => undefined); // settled before the job is published or failed
  }
  await writing;
  if (stop.aborted) throw new Interrupted();
}
