import path from 'node:path';
import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import pg from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { CompiledQuery, Kysely, PostgresDialect } from 'kysely';
import { makePrivateFolder, tightenFolder } from '../platform/private-files.js';
import {
  compiledPglite,
  PgliteWorkerClient,
  PgliteWorkerDialect,
  type DataDirTarball,
} from './pglite-driver.js';
import { COPY_FROM_STDIN } from './copy-rows.js';
import type { DB } from './schema.js';
import type { StatementRecorder } from './statement-recorder.js';

export const APP_ROLE = 'waymark_app';
/** The role reports read the aggregate store as: no grant on case data (migration 0014). */
export const FIGURES_ROLE = 'waymark_figures';

/** Statements run as the database owner: migrations and reference data, never requests. */
export interface OwnerSession {
  /** Runs a script of one or more statements without parameters. */
  script(sql: string): Promise<void>;
  query<R = Record<string, unknown>>(sql: string, params?: readonly unknown[]): Promise<R[]>;
}

export interface Database {
  kind: 'embedded' | 'server';
  /** Queries as the application role: row-level security applies to everything it runs. */
  db: Kysely<DB>;
  /** Where the data lives, for logs and messages (never a password). */
  description: string;
  withOwner<T>(work: (owner: OwnerSession) => Promise<T>): Promise<T>;
  /**
   * How many requests wait for a connection: on the embedded database, for its one connection
   * (long work yields to them: src/features/imports/batches.ts); a server's pool is not counted.
   */
  waiting(): number;
  /**
   * Refreshes the planner's statistics. A PostgreSQL server's autovacuum does this by itself;
   * the embedded database has no background workers, so Waymark does it after bulk loads and
   * from time to time (without statistics, the planner takes every table for empty).
   */
  analyze(): Promise<void>;
  /** The embedded database's whole data folder as a tarball (tests clone a migrated one). */
  dump?(): Promise<Uint8Array>;
  /**
   * The embedded database, consistent: holding its only connection (so no transaction is open
   * or can start), a checkpoint, then `inspect` as the owner, then the data folder as a tarball.
   * What `inspect` reads is exactly what the tarball holds.
   */
  snapshot?<T>(
    inspect: (owner: OwnerSession) => Promise<T>,
  ): Promise<{ tar: Uint8Array; inspected: T }>;
  /**
   * A streaming replica of the server (DATABASE_READ_URL), queried as the application role like
   * the primary; reports and the aggregate store read from it (src/db/figure-reads.ts).
   */
  replica?: { db: Kysely<DB>; description: string };
  close(): Promise<void>;
}

export type DatabaseOptions = (
  | { kind: 'embedded'; dataDir: string; loadDataDir?: DataDirTarball }
  | { kind: 'server'; url: string; poolSize?: number; readUrl?: string }
) & {
  /** Records the statements requests run (the page benchmark only; off by default). */
  recorder?: StatementRecorder;
};

export async function connectDatabase(options: DatabaseOptions): Promise<Database> {
  return options.kind === 'embedded' ? connectEmbedded(options) : connectServer(options);
}

async function connectEmbedded(options: {
  dataDir: string;
  loadDataDir?: DataDirTarball;
  recorder?: StatementRecorder;
}): Promise<Database> {
  const inMemory = options.dataDir.startsWith('memory://');
  const dataDir = inMemory ? options.dataDir : path.resolve(options.dataDir);
  if (!inMemory) makePrivateFolder(dataDir);
  const client = new PgliteWorkerClient({
    dataDir,
    loadDataDir: options.loadDataDir,
    wasm: await compiledPglite(),
  });
  await client.ready;
  const dialect = new PgliteWorkerDialect(client);
  const db = new Kysely<DB>({
    dialect,
    ...(options.recorder && { log: options.recorder.log }),
  });
  // The embedded database is one session; it acts as the application role except while the
  // owner's work runs (which holds the only connection, so nothing else runs meanwhile).
  const roleExists = await client.query<{ n: number }>(
    'select count(*) as n from pg_roles where rolname = $1',
    [APP_ROLE],
  );
  if (roleExists.rows[0]?.n) await client.exec(`set role ${APP_ROLE}`);
  return {
    kind: 'embedded',
    db,
    waiting: () => dialect.waiting(),
    description: inMemory ? 'embedded database in memory' : `embedded database in ${dataDir}`,
    withOwner: (work) =>
      db.connection().execute(async () => {
        await client.exec('reset role');
        try {
          return await work({
            script: (sql) => client.exec(sql),
            query: async <R>(sql: string, params: readonly unknown[] = []) =>
              (await client.query<R>(sql, params)).rows,
          });
        } finally {
          const exists = await client.query<{ n: number }>(
            'select count(*) as n from pg_roles where rolname = $1',
            [APP_ROLE],
          );
          if (exists.rows[0]?.n) await client.exec(`set role ${APP_ROLE}`);
        }
      }),
    analyze: () =>
      db.connection().execute(async () => {
        await client.exec('reset role');
        try {
          await client.exec('analyze');
        } finally {
          await client.exec(`set role ${APP_ROLE}`);
        }
      }),
    dump: () => db.connection().execute(() => client.dump()),
    snapshot: (inspect) =>
      db.connection().execute(async () => {
        await client.exec('reset role');
        try {
          await client.exec('checkpoint');
          const inspected = await inspect({
            script: (sql) => client.exec(sql),
            query: async <R>(sql: string, params: readonly unknown[] = []) =>
              (await client.query<R>(sql, params)).rows,
          });
          return { tar: await client.dump(), inspected };
        } finally {
          await client.exec(`set role ${APP_ROLE}`);
        }
      }),
    async close() {
      await db.destroy();
      // The embedded database writes some files (its relation cache) readable by everyone.
      if (!inMemory) tightenFolder(dataDir);
    },
  };
}

// The pg driver's defaults differ from what the code expects (bigint as string, dates as
// local-midnight Date objects); these match the embedded database's parsers.
const typeParsers: Record<number, (value: string) => unknown> = {
  20: Number, // int8: counts
  1700: Number, // numeric: averages and ratios
  1082: (value: string) => value, // date: 'YYYY-MM-DD'
};

const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    return typeParsers[oid] ?? pg.types.getTypeParser(oid, format);
  },
} as pg.CustomTypesConfig;

/** A pool of connections to a server, each acting as the application role. */
function applicationPool(url: string, poolSize: number, recorder?: StatementRecorder) {
  const pool = new pg.Pool({
    connectionString: url,
    max: poolSize,
    types,
    // A server that refuses connections fails a request at once (a 503 page); one that does not
    // answer at all, within 30 s rather than hanging it. The same limit covers waiting for a
    // free connection from the pool, so it must be long enough for a burst of requests on a busy
    // machine to queue (5 s failed some of the 1,000 pairs of conflicting edits).
    connectionTimeoutMillis: 30_000,
  });
  // A failed idle connection must not crash the process; the pool replaces it.
  pool.on('error', () => undefined);
  // Nor may one that fails while a request holds it (the server stopping or restarting): the
  // request's query fails (a 503 page), and the pool drops the connection when it is released.
  pool.on('connect', (client) => {
    client.on('error', () => undefined);
    acceptCopyFromStdin(client);
  });
  return new Kysely<DB>({
    dialect: new PostgresDialect({
      pool,
      onCreateConnection: async (connection) => {
        await connection.executeQuery(CompiledQuery.raw(`set role ${APP_ROLE}`));
        // Requests run short statements whose estimated cost row-level security inflates past
        // jit_above_cost: compiling them took 146 of the queue counts' 214 ms with 100,000
        // cases. The owner's connections (the aggregate store's rebuild) keep the default.
        await connection.executeQuery(CompiledQuery.raw('set jit = off'));
      },
    }),
    ...(recorder && { log: recorder.log }),
  });
}

type QueryFunction = (...args: unknown[]) => unknown;

/**
 * Lets a connection run `copy … from stdin` given its data as the statement's one parameter
 * (copy-rows.ts), as Kysely passes it: pg-copy-streams sends the data after the statement.
 */
function acceptCopyFromStdin(client: pg.PoolClient): void {
  const query = client.query.bind(client) as QueryFunction;
  const copy = async (text: string, data: unknown) => {
    const stream = query(copyFrom(text)) as ReturnType<typeof copyFrom>;
    await pipeline(Readable.from([Buffer.from(String(data))]), stream);
    return { command: 'COPY', rowCount: stream.rowCount, rows: [] };
  };
  client.query = ((...args: unknown[]) => {
    const [text, values] = args;
    if (typeof text === 'string' && COPY_FROM_STDIN.test(text) && Array.isArray(values))
      return copy(text, values[0]);
    return query(...args);
  }) as typeof client.query;
}

async function connectServer(options: {
  url: string;
  poolSize?: number;
  readUrl?: string;
  recorder?: StatementRecorder;
}): Promise<Database> {
  const db = applicationPool(options.url, options.poolSize ?? 10, options.recorder);
  // The replica's pool is as large as the primary's: a report holds a connection for longer.
  const replica = options.readUrl
    ? {
        db: applicationPool(options.readUrl, options.poolSize ?? 10, options.recorder),
        description: `PostgreSQL replica ${describeUrl(options.readUrl)}`,
      }
    : undefined;
  return {
    kind: 'server',
    db,
    waiting: () => 0,
    replica,
    description: `PostgreSQL server ${describeUrl(options.url)}`,
    analyze: async () => {
      const client = new pg.Client({ connectionString: options.url });
      await client.connect();
      try {
        await client.query('analyze');
      } finally {
        await client.end();
      }
    },
    withOwner: async (work) => {
      const client = new pg.Client({ connectionString: options.url, types });
      await client.connect();
      try {
        return await work({
          script: async (sql) => {
            await client.query(sql);
          },
          query: async <R>(sql: string, params: readonly unknown[] = []) =>
            (await client.query(sql, params as unknown[])).rows as R[],
        });
      } finally {
        await client.end();
      }
    },
    close: async () => {
      await replica?.db.destroy();
      await db.destroy();
    },
  };
}

/** host:port/database, without user or password. */
export function describeUrl(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}${parsed.port ? `:${parsed.port}` : ''}${parsed.pathname}`;
  } catch {
    return '(unparseable DATABASE_URL)';
  }
}
