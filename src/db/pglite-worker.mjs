// @ts-check
// Runs PGlite (PostgreSQL compiled to WebAssembly) on its own thread. PGlite executes queries
// synchronously on the thread that owns it, so keeping it here leaves the web server's event
// loop free while a query runs. The main thread talks to it through postMessage (see
// pglite-driver.ts); one message in, one message out, in order.
import { parentPort, workerData } from 'node:worker_threads';
import { readFileSync } from 'node:fs';
import { PGlite, types } from '@electric-sql/pglite';

if (!parentPort) throw new Error('pglite-worker must run as a worker thread');
const port = parentPort;

/** @type {{ dataDir: string, loadDataDir?: Uint8Array | { file: string }, wasm: { pgliteWasmModule: WebAssembly.Module, initdbWasmModule: WebAssembly.Module } }} */
const options = workerData;

// The same value shapes as the pg driver is configured to give (see connect.ts): bigint counts
// as numbers, dates as ISO strings, numeric as numbers.
const parsers = {
  [types.INT8]: (/** @type {string} */ value) => Number(value),
  [types.NUMERIC]: (/** @type {string} */ value) => Number(value),
  [types.DATE]: (/** @type {string} */ value) => value,
};

/**
 * The tarball a new data folder starts from, as PGlite takes it: given as bytes, or read here
 * from its file (so the main thread never holds a copy).
 * @param {Uint8Array | { file: string } | undefined} given
 */
function tarball(given) {
  if (!given) return undefined;
  return new Blob([given instanceof Uint8Array ? given : readFileSync(given.file)]);
}

const db = new PGlite(options.dataDir, {
  parsers,
  // Compiled by the main thread, once for every worker it starts (see pglite-driver.ts).
  ...options.wasm,
  loadDataDir: tarball(options.loadDataDir),
  // Bound the write-ahead log so a long-lived data folder does not grow without limit. A buffer
  // pool of 32 MB rather than PostgreSQL's 128 MB: the WebAssembly heap holds all of it from the
  // start and never gives memory back, and the pages it would keep are in the operating system's
  // file cache anyway (about 125 MB less resident memory, idle).
  postgresqlconf: ['max_wal_size=256MB', 'min_wal_size=32MB', 'shared_buffers=32MB'],
});

/** @param {unknown} error */
function describeError(error) {
  if (!(error instanceof Error)) {
    // Emscripten's file system throws plain objects ({ errno, code }): say what they hold.
    let text = String(error);
    try {
      text = typeof error === 'object' ? JSON.stringify(error) : text;
    } catch {
      // Not serialisable: the String() form is all there is.
    }
    return { message: text };
  }
  /** @type {Record<string, unknown>} */
  const fields = {};
  for (const key of ['code', 'detail', 'constraint', 'table', 'column', 'schema', 'hint']) {
    const value = /** @type {Record<string, unknown>} */ (/** @type {unknown} */ (error))[key];
    if (value !== undefined) fields[key] = value;
  }
  return { message: error.message, ...fields };
}

// `copy <table> (<columns>) from stdin` with the data as its one parameter (src/db/copy-rows.ts).
const COPY_FROM_STDIN = /^copy ([a-z_][a-z0-9_]*) \([a-z_][a-z0-9_, ]*\) from stdin$/;

/**
 * COPY … FROM STDIN, as PGlite takes it: from its /dev/blob device. PostgreSQL lets only a
 * superuser (or pg_read_server_files) copy from a file, and that is not a grant to give the
 * application role, which would then read the data folder's files. So the copy runs as the
 * owner for that one statement, and only into a temporary table of the open transaction,
 * which holds nothing but what the application role itself put there and can read.
 * @param {string} sql
 * @param {string} table
 * @param {unknown} data
 */
async function copyFromStdin(sql, table, data) {
  const found = await db.query(
    `select c.relpersistence = 't' as temporary, current_user as role
     from pg_class c where c.oid = to_regclass($1)`,
    [table],
  );
  const target = /** @type {{ temporary: boolean, role: string } | undefined} */ (found.rows[0]);
  if (!target?.temporary)
    throw new Error(`copy from stdin writes only to a temporary table, not ${table}`);
  // Outside a transaction SET LOCAL would not last until the copy: say so plainly.
  if (!db.isInTransaction()) throw new Error('copy from stdin runs only inside a transaction');
  await db.exec('set local role none');
  try {
    const result = await db.query(sql.replace(/from stdin$/, "from '/dev/blob'"), [], {
      blob: new Blob([String(data)]),
    });
    return { rows: [], affectedRows: result.affectedRows ?? 0 };
  } finally {
    await db.query(`select set_config('role', $1, true)`, [target.role]);
  }
}

/**
 * @param {{ type: string, sql?: string, params?: unknown[] }} message
 */
async function handle(message) {
  switch (message.type) {
    case 'query': {
      const copy = COPY_FROM_STDIN.exec(message.sql ?? '');
      if (copy && message.params?.length === 1)
        return copyFromStdin(copy[0], copy[1] ?? '', message.params[0]);
      const result = await db.query(message.sql ?? '', message.params ?? [], { rowMode: 'object' });
      return { rows: result.rows, affectedRows: result.affectedRows ?? 0 };
    }
    case 'exec': {
      await db.exec(message.sql ?? '');
      return { rows: [], affectedRows: 0 };
    }
    case 'dump': {
      const blob = await db.dumpDataDir('none');
      return { dump: new Uint8Array(await blob.arrayBuffer()) };
    }
    case 'close': {
      await db.close();
      return {};
    }
    default:
      throw new Error(`unknown message type ${message.type}`);
  }
}

db.waitReady.then(
  () => port.postMessage({ id: 0, ok: true, result: { ready: true } }),
  (error) => port.postMessage({ id: 0, ok: false, error: describeError(error) }),
);

// Messages are handled strictly one after another: PGlite is a single connection.
let queue = Promise.resolve();
port.on('message', (/** @type {{ id: number, type: string }} */ message) => {
  queue = queue.then(async () => {
    try {
      await db.waitReady;
      const result = await handle(message);
      port.postMessage({ id: message.id, ok: true, result });
    } catch (error) {
      port.postMessage({ id: message.id, ok: false, error: describeError(error) });
    }
  });
});
