// The bank holidays working days are counted around, as the rules in src/domain take them.
import type { Kysely } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Holidays } from '../../domain/working-days.js';

export async function loadHolidays(db: Kysely<DB> | Tx): Promise<Holidays> {
  const rows = await db.selectFrom('bank_holidays').select('day').execute();
  return new Set(rows.map((row) => row.day));
}
