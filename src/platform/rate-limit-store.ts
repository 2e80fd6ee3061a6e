// The rate-limit plugin's store, in the database (migration 0034, ADR 0023): every Waymark
// process counts the same requests, so running several behind a proxy does not multiply a
// limit. Each route's window is its own (the key is prefixed with the route, as the plugin's own
// stores do), and the key is an HMAC under the server's secret, so neither a token nor an
// address is written down. One statement per counted request: an upsert that starts a new
// window when the last one has run out.
import { createHmac } from 'node:crypto';
import type { FastifyRateLimitStore } from '@fastify/rate-limit';
import { sql, type Kysely } from 'kysely';
import type { DB } from '../db/schema.js';

type Callback = (error: Error | null, result?: { current: number; ttl: number }) => void;

/** Every so many counted requests, one also prunes windows over an hour old. */
const PRUNE_EVERY = 500;

/** What the plugin passes a child store: the route's limits and, in `routeInfo`, the route. */
type ChildOptions = Parameters<FastifyRateLimitStore['child']>[0];

export function databaseRateLimitStore(db: Kysely<DB>, secret: string) {
  let counted = 0;
  const hashed = (key: string) => createHmac('sha256', secret).update(key).digest('base64url');

  async function hit(key: string, windowMs: number) {
    if (++counted % PRUNE_EVERY === 0)
      await sql`delete from rate_limit_windows where started_at < now() - interval '1 hour'`.execute(
        db,
      );
    const window = sql`${windowMs} * interval '1 millisecond'`;
    const { rows } = await sql<{ hits: number; ttl: number }>`
      insert into rate_limit_windows as w (key, started_at, hits) values (${hashed(key)}, now(), 1)
      on conflict (key) do update set
        started_at = case when w.started_at + ${window} <= now() then now() else w.started_at end,
        hits = case when w.started_at + ${window} <= now() then 1 else w.hits + 1 end
      returning hits,
        greatest(0, ceil(extract(epoch from (started_at + ${window} - now())) * 1000))::int as ttl`.execute(
      db,
    );
    return { current: rows[0]!.hits, ttl: rows[0]!.ttl };
  }

  async function peek(key: string, windowMs: number) {
    const window = sql`${windowMs} * interval '1 millisecond'`;
    const { rows } = await sql<{ hits: number; ttl: number }>`
      select hits,
        greatest(0, ceil(extract(epoch from (started_at + ${window} - now())) * 1000))::int as ttl
      from rate_limit_windows where key = ${hashed(key)} and started_at + ${window} > now()`.execute(
      db,
    );
    return rows[0] ? { current: rows[0].hits, ttl: rows[0].ttl } : { current: 0, ttl: windowMs };
  }

  return class DatabaseRateLimitStore implements FastifyRateLimitStore {
    private readonly prefix: string;

    constructor(_options?: unknown, prefix = '') {
      this.prefix = prefix;
    }

    incr(key: string, callback: Callback, timeWindow: number) {
      hit(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    read(key: string, callback: Callback, timeWindow: number) {
      peek(this.prefix + key, timeWindow).then(
        (result) => callback(null, result),
        (error: Error) => callback(error),
      );
    }

    child(routeOptions: ChildOptions) {
      const { routeInfo } = routeOptions as { routeInfo?: { method?: unknown; url?: string } };
      const { method, url } = routeInfo ?? {};
      return new DatabaseRateLimitStore(undefined, `${this.prefix}${String(method)}${url ?? ''}-`);
    }
  };
}
