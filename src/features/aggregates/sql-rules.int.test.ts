// The few rules the aggregate store's SQL has to apply itself, checked against the domain's
// functions they must agree with: working days (Victims' Code and first contact), the mean
// change on the categories of need (distance travelled), and the age group of the person who
// harmed (migration 0029 works it out for referrals held before intake did).
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addDays, isIsoDate } from '../../domain/calendar-dates.js';
import { distanceTravelled } from '../../domain/measures.js';
import { workingDaysBetween } from '../../domain/working-days.js';
import { ageGroupAt } from '../../domain/youth.js';
import { createHarness, type Harness } from '../../../test/support/harness.js';

let h: Harness;
let holidays: Set<string>;

beforeAll(async () => {
  h = await createHarness();
  const rows = await h.database.withOwner((owner) =>
    owner.query<{ day: string }>(`select day::text as day from bank_holidays`),
  );
  holidays = new Set(rows.map((r) => r.day));
});
afterAll(() => h.close());

const date = fc.integer({ min: 0, max: 3 * 365 }).map((offset) => addDays('2025-01-01', offset));

describe('the aggregate store agrees with the domain', () => {
  it('counts working days as workingDaysBetween does (property)', async () => {
    expect(holidays.has('2025-12-25')).toBe(true);
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(date, fc.integer({ min: -10, max: 60 })), {
          minLength: 20,
          maxLength: 20,
        }),
        async (pairs) => {
          const inputs = pairs.map(([from, days]) => [from, addDays(from, days)] as const);
          const rows = await h.database.withOwner((owner) =>
            owner.query<{ n: number }>(
              `select working_days_between(f::date, t::date) as n
             from unnest($1::text[], $2::text[]) with ordinality as x(f, t, i) order by i`,
              [inputs.map((p) => p[0]), inputs.map((p) => p[1])],
            ),
          );
          expect(rows.map((r) => r.n)).toEqual(
            inputs.map(([from, to]) => workingDaysBetween(from, to, holidays)),
          );
        },
      ),
      { numRuns: 30 },
    );
  });

  it('rounds the mean change on the categories as distanceTravelled does (property)', async () => {
    const changes = fc.array(fc.integer({ min: -4, max: 4 }), { minLength: 1, maxLength: 12 });
    await fc.assert(
      fc.asyncProperty(fc.array(changes, { minLength: 25, maxLength: 25 }), async (sets) => {
        const rows = await h.database.withOwner((owner) =>
          owner.query<{ mean: string }>(
            `select aggregate_mean_change(s, c) as mean
             from unnest($1::bigint[], $2::bigint[]) with ordinality as x(s, c, i) order by i`,
            [sets.map((set) => set.reduce((a, b) => a + b, 0)), sets.map((set) => set.length)],
          ),
        );
        const expected = sets.map((set) => {
          const ids = set.map((_, i) => `c${i}`);
          const entry = new Map(ids.map((id) => [id, 5]));
          const exit = new Map(ids.map((id, i) => [id, 5 + set[i]!]));
          return distanceTravelled(entry, exit, ids).overall;
        });
        expect(rows.map((r) => Number(r.mean))).toEqual(expected);
      }),
      { numRuns: 20 },
    );
  });

  it('puts the person who harmed under 18 or not as ageGroupAt does (property)', async () => {
    const born = fc.integer({ min: 0, max: 30 * 365 }).map((d) => addDays('1990-01-01', d));
    // Birthdays, the days either side of an 18th, and 29 February among them.
    const pairs = fc.oneof(
      fc.tuple(born, date),
      born.map((dob) => [dob, `${Number(dob.slice(0, 4)) + 18}${dob.slice(4)}`] as const),
      born.map(
        (dob) => [dob, addDays(`${Number(dob.slice(0, 4)) + 18}${dob.slice(4)}`, -1)] as const,
      ),
      fc.constantFrom(
        ['2008-02-29', '2026-02-28'] as const,
        ['2008-02-29', '2026-03-01'] as const,
        ['2004-02-29', '2022-02-28'] as const,
        ['1996-02-29', '2014-02-29'] as const,
      ),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(pairs, { minLength: 25, maxLength: 25 }), async (list) => {
        // An 18th birthday on 29 February of a year that has none is no date; Date.parse would
        // take it for 1 March.
        const valid = list.filter(([, on]) => isIsoDate(on));
        const rows = await h.database.withOwner((owner) =>
          owner.query<{ age: string | null }>(
            `select offender_age_group_at(b::date, o::date) as age
             from unnest($1::text[], $2::text[]) with ordinality as x(b, o, i) order by i`,
            [valid.map((p) => p[0]), valid.map((p) => p[1])],
          ),
        );
        expect(rows.map((r) => r.age)).toEqual(valid.map(([dob, on]) => ageGroupAt(dob, on)));
      }),
      { numRuns: 20 },
    );
    const [none] = await h.database.withOwner((owner) =>
      owner.query<{ age: string | null }>(
        `select offender_age_group_at(null, '2026-01-01') as age`,
      ),
    );
    expect(none!.age).toBe(ageGroupAt(null, '2026-01-01'));
  });
});
