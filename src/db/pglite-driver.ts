import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { Worker } from 'node:worker_threads';
import {
  CompiledQuery,
  PostgresAdapter,
  PostgresIntrospector,
  PostgresQueryCompiler,
  type DatabaseConnection,
  type Dialect,
  type Driver,
  type Kysely,
  type QueryResult,
  type TransactionSettings,
} from 'kysely';

/** An error raised inside the worker, carrying PostgreSQL's error fields (code, constraint...). */
export class PgliteQueryError extends Error {
  code?: string;
  detail?: string;
  constraint?: string;
  table?: string;
  column?: string;
  constructor(fields: { message: string } & Record<string, unknown>) {
    super(fields.message);
    this.name = 'PgliteQueryError';
    Object.assign(this, fields);
  }
}

interface WorkerReply {
  id: number;
  ok: boolean;
  result?: { rows?: unknown[]; affectedRows?: number; dump?: Uint8Array };
  error?: { message: string } & Record<string, unknown>;
}

/**
 * A data folder tarball for a new embedded database to start from: the bytes, or the file they
 * are in (read by the database's own thread, so the main thread never holds them).
 */
export type DataDirTarball = Uint8Array | { file: string };

/** PostgreSQL's WebAssembly, compiled, for a PGlite worker to instantiate. */
export interface CompiledPglite {
  pgliteWasmModule: WebAssembly.Module;
  initdbWasmModule: WebAssembly.Module;
}

let compiled: Promise<CompiledPglite> | undefined;

// The WebAssembly global, which TypeScript's Node types declare as types only.
const { WebAssembly: wasmApi } = globalThis as unknown as {
  WebAssembly: { compile(bytes: Uint8Array): Promise<WebAssembly.Module> };
};

/**
 * PGlite's WebAssembly compiled once per process and shared by every worker it starts. V8
 * shares a module's machine code between the threads it is sent to, including the optimised
 * code it builds as the database runs, so a second embedded database in the same process (a
 * restore being checked, each test file) starts warm instead of compiling 9 MB again and
 * running cold until the optimiser catches up.
 */
export function compiledPglite(): Promise<CompiledPglite> {
  compiled ??= (async () => {
    const dist = path.dirname(createRequire(import.meta.url).resolve('@electric-sql/pglite'));
    const compile = async (file: string) => wasmApi.compile(await readFile(path.join(dist, file)));
    const [pgliteWasmModule, initdbWasmModule] = await Promise.all([
      compile('pglite.wasm'),
      compile('initdb.wasm'),
    ]);
    return { pgliteWasmModule, initdbWasmModule };
  })();
  return compiled;
}

/** The main thread's handle on the PGlite worker: request/response over postMessage. */
export class PgliteWorkerClient {
  private readonly worker: Worker;
  private readonly pending = new Map<number, (reply: WorkerReply) => void>();
  private nextId = 1;
  private failure: Error | undefined;
  readonly ready: Promise<void>;

  constructor(options: { dataDir: string; loadDataDir?: DataDirTarball; wasm: CompiledPglite }) {
    this.worker = new Worker(new URL('./pglite-worker.mjs', import.meta.url), {
      workerData: options,
    });
    this.ready = new Promise((resolve, reject) => {
      this.pending.set(0, (reply) =>
        reply.ok ? resolve() : reject(new PgliteQueryError(reply.error ?? { message: 'failed' })),
      );
    });
    this.worker.on('message', (reply: WorkerReply) => {
      const settle = this.pending.get(reply.id);
      this.pending.delete(reply.id);
      settle?.(reply);
    });
    this.worker.on('error', (error) => this.failAll(error));
    this.worker.on('exit', (code) => {
      if (this.pending.size > 0) this.failAll(new Error(`database worker exited (${code})`));
    });
  }

  private failAll(error: Error): void {
    this.failure = error;
    for (const [id, settle] of this.pending) {
      settle({ id, ok: false, error: { message: error.message } });
    }
    this.pending.clear();
  }

  private send(message: Record<string, unknown>): Promise<WorkerReply['result']> {
    if (this.failure) return Promise.reject(this.failure);
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, (reply) =>
        reply.ok
          ? resolve(reply.result)
          : reject(new PgliteQueryError(reply.error ?? { message: 'query failed' })),
      );
      this.worker.postMessage({ id, ...message });
    });
  }

  async query<R>(sql: string, params: readonly unknown[]): Promise<QueryResult<R>> {
    const result = await this.send({ type: 'query', sql, params });
    return {
      rows: (result?.rows ?? []) as R[],
      numAffectedRows: BigInt(result?.affectedRows ?? 0),
    };
  }

  async exec(sql: string): Promise<void> {
    await this.send({ type: 'exec', sql });
  }

  /** A tarball of the whole data folder, used to clone a migrated database quickly in tests. */
  async dump(): Promise<Uint8Array> {
    const result = await this.send({ type: 'dump' });
    if (!result?.dump) throw new Error('dump returned nothing');
    return result.dump;
  }

  async close(): Promise<void> {
    try {
      await this.send({ type: 'close' });
    } finally {
      await this.worker.terminate();
    }
  }
}

/** A promise-chain mutex: PGlite is one connection, so one transaction at a time holds it. */
class Mutex {
  private tail: Promise<void> = Promise.resolve();
  /** Callers waiting for the lock (not the one holding it). */
  waiting = 0;
  lock(): Promise<() => void> {
    let release!: () => void;
    const next = new Promise<void>((resolve) => (release = resolve));
    this.waiting++;
    const acquired = this.tail.then(() => {
      this.waiting--;
      return release;
    });
    this.tail = this.tail.then(() => next);
    return acquired;
  }
}

class PgliteConnection implements DatabaseConnection {
  constructor(private readonly client: PgliteWorkerClient) {}

  executeQuery<R>(compiledQuery: CompiledQuery): Promise<QueryResult<R>> {
    return this.client.query<R>(compiledQuery.sql, compiledQuery.parameters);
  }

  // eslint-disable-next-line require-yield
  async *streamQuery<R>(): AsyncIterableIterator<QueryResult<R>> {
    throw new Error('streaming queries are not supported on the embedded database');
  }
}

class PgliteWorkerDriver implements Driver {
  readonly mutex = new Mutex();
  private readonly connection: PgliteConnection;
  private releaseCurrent: (() => void) | undefined;

  constructor(private readonly client: PgliteWorkerClient) {
    this.connection = new PgliteConnection(client);
  }

  async init(): Promise<void> {
    await this.client.ready;
  }

  async acquireConnection(): Promise<DatabaseConnection> {
    this.releaseCurrent = await this.mutex.lock();
    return this.connection;
  }

  async beginTransaction(connection: DatabaseConnection, settings: TransactionSettings) {
    const level = settings.isolationLevel ? ` isolation level ${settings.isolationLevel}` : '';
    const mode = settings.accessMode ? ` ${settings.accessMode}` : '';
    await connection.executeQuery(CompiledQuery.raw(`begin${level}${mode}`));
  }

  async commitTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('commit'));
  }

  async rollbackTransaction(connection: DatabaseConnection) {
    await connection.executeQuery(CompiledQuery.raw('rollback'));
  }

  async releaseConnection(): Promise<void> {
    const release = this.releaseCurrent;
    this.releaseCurrent = undefined;
    release?.();
  }

  async destroy(): Promise<void> {
    await this.client.close();
  }
}

export class PgliteWorkerDialect implements Dialect {
  private driver: PgliteWorkerDriver | undefined;
  constructor(private readonly client: PgliteWorkerClient) {}
  /** How many transactions and statements are waiting for the one connection. */
  waiting(): number {
    return this.driver?.mutex.waiting ?? 0;
  }
  createAdapter() {
    return new PostgresAdapter();
  }
  createDriver() {
    this.driver = new PgliteWorkerDriver(this.client);
    return this.driver;
  }
  createQueryCompiler() {
    return new PostgresQueryCompiler();
  }
  createIntrospector(db: Kysely<unknown>) {
    return new PostgresIntrospector(db);
  }
}
