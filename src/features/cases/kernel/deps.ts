// What every case use case is built from: the database, the clock, and the kernel.
import type { Kysely } from 'kysely';
import type { DB } from '../../../db/schema.js';
import type { Clock } from '../../../platform/clock.js';
import type { CaseKernel } from './kernel.js';

export interface CaseDeps {
  db: Kysely<DB>;
  clock: Clock;
  kernel: CaseKernel;
}
