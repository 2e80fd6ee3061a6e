// The honest baseline for a page: the exact statements one real request ran (recorded by the
// app's database, see src/db/statement-recorder.ts), replayed on a bare Fastify route on the
// same database in the same transaction shape, returning the HTML the real page returned. What
// the page costs beyond it is Waymark's own work: routing, session, authorisation, building
// queries, Nunjucks.
import type { AddressInfo } from 'node:net';
import Fastify, { type FastifyInstance } from 'fastify';
import { CompiledQuery, type Kysely } from 'kysely';
import type { DB } from '../src/db/schema.js';
import type { RecordedStatement, StatementRecorder } from '../src/db/statement-recorder.js';

/** A statement on its own (auto-committed) or a transaction's statements, between begin and commit. */
export type Unit =
  | { kind: 'statement'; statement: RecordedStatement }
  | { kind: 'transaction'; statements: RecordedStatement[] };

export interface Recording {
  units: Unit[];
  /** Statements, not counting begin and commit. */
  statements: number;
  /** Round trips to the database: statements plus each transaction's begin and commit. */
  roundTrips: number;
  html: string;
}

const BEGIN = /^\s*(begin|start transaction)\b/i;
const COMMIT = /^\s*commit\b/i;
const ROLLBACK = /^\s*rollback\b/i;

/** The recorded statements in the shape they ran: lone statements and whole transactions. */
export function toUnits(recorded: RecordedStatement[], what: string): Unit[] {
  const units: Unit[] = [];
  let open: RecordedStatement[] | null = null;
  for (const statement of recorded) {
    if (BEGIN.test(statement.sql)) {
      // Two transactions at once (on a pool) would interleave: the shape could not be replayed.
      if (open) throw new Error(`${what}: a transaction began inside another`);
      open = [];
    } else if (COMMIT.test(statement.sql)) {
      if (!open) throw new Error(`${what}: commit outside a transaction`);
      units.push({ kind: 'transaction', statements: open });
      open = null;
    } else if (ROLLBACK.test(statement.sql)) {
      throw new Error(`${what}: a transaction rolled back; a page that answers 200 should not`);
    } else if (open) open.push(statement);
    else units.push({ kind: 'statement', statement });
  }
  if (open) throw new Error(`${what}: a transaction was still open when the page answered`);
  return units;
}

/** Requests `path` once with the recorder on: what it ran, and what it answered. */
export async function record(
  recorder: StatementRecorder,
  base: string,
  path: string,
  cookie: string,
  expect: string,
): Promise<Recording> {
  recorder.start();
  let recorded: RecordedStatement[];
  let response: Response;
  let html: string;
  try {
    response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
    html = await response.text();
  } finally {
    recorded = recorder.stop();
  }
  if (response.status !== 200 || !html.includes(expect))
    throw new Error(
      `GET ${path} answered ${response.status}${response.status === 200 ? ` without "${expect}"` : ''}`,
    );
  const units = toUnits(recorded, `GET ${path}`);
  const statements = units.reduce(
    (sum, unit) => sum + (unit.kind === 'statement' ? 1 : unit.statements.length),
    0,
  );
  const transactions = units.filter((unit) => unit.kind === 'transaction').length;
  return { units, statements, roundTrips: statements + 2 * transactions, html };
}

async function replay(db: Kysely<DB>, units: Unit[]): Promise<void> {
  for (const unit of units) {
    if (unit.kind === 'statement') {
      await db.executeQuery(CompiledQuery.raw(unit.statement.sql, [...unit.statement.parameters]));
    } else {
      await db.transaction().execute(async (tx) => {
        for (const statement of unit.statements)
          await tx.executeQuery(CompiledQuery.raw(statement.sql, [...statement.parameters]));
      });
    }
  }
}

/**
 * A tiny Fastify app that answers each recorded path by replaying its statements and sending
 * its HTML; any other path is a 404 (which the load generator counts as a failure).
 */
export async function replayServer(
  db: Kysely<DB>,
  recordings: Map<string, Recording>,
): Promise<{ app: FastifyInstance; base: string }> {
  const app = Fastify({ logger: false });
  app.get('/*', async (request, reply) => {
    const recording = recordings.get(request.url);
    if (!recording) return reply.code(404).send('not recorded');
    await replay(db, recording.units);
    return reply.type('text/html; charset=utf-8').send(recording.html);
  });
  await app.listen({ port: 0, host: '127.0.0.1' });
  return { app, base: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}` };
}
