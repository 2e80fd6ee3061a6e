// What the sign-in records kept as keyed hashes need: the database, the clock, and the secret
// that keys the hashes (so a copy of the database cannot be tried against them offline).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { Clock } from '../../platform/clock.js';

export interface KeyedStore {
  db: Kysely<DB>;
  clock: Clock;
  secret: string;
}
