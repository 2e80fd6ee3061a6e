// The floor of a referral import: the writes no design of it can avoid. Whatever checks an
// import makes, its rows must end up in referrals and referral_parties, with those tables'
// indexes, foreign keys, triggers and row-level security, in one transaction. The floor is that
// insert of rows already checked, plus a raw COPY of the file (measured apart, in referral-import).
import { sql } from 'kysely';
import { withActor } from '../src/db/actor-context.js';
import type { Database } from '../src/db/connect.js';
import type { SystemActor } from '../src/domain/roles.js';

export interface FloorTimes {
  referralsMs: number;
  partiesMs: number;
}

/**
 * Takes the referrals and parties an import just wrote, empties both tables, and times writing
 * the same rows back with one INSERT … SELECT each, as the importing service (row-level
 * security on), in one transaction: what a set-based import would do after checking. A
 * checkpoint first, as before the import, so neither pays for writing out the other's pages.
 */
export async function measureImportFloor(
  database: Database,
  actor: SystemActor,
  expectedRows: number,
): Promise<FloorTimes> {
  await database.withOwner((owner) =>
    owner.script(`
      create table bench_floor_referrals as select * from referrals;
      create table bench_floor_parties as select * from referral_parties;
      grant select on bench_floor_referrals, bench_floor_parties to waymark_app;
      truncate referrals cascade;
      checkpoint;`),
  );
  const times = await withActor(database.db, actor, async (tx) => {
    const started = performance.now();
    await sql`insert into referrals select * from bench_floor_referrals`.execute(tx);
    const referralsDone = performance.now();
    await sql`insert into referral_parties select * from bench_floor_parties`.execute(tx);
    return { referralsMs: referralsDone - started, partiesMs: performance.now() - referralsDone };
  });
  const [written] = await database.withOwner((owner) =>
    owner.query<{ n: string }>('select count(*)::text as n from referrals'),
  );
  if (Number(written?.n) !== expectedRows)
    throw new Error(`the floor wrote ${written?.n} referrals, not ${expectedRows}`);
  return times;
}
