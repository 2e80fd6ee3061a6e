// Bank holidays of England and Wales, for counting working days (Victims' Code time limits).
// Waymark ships the list for 2018-2030; an administrator adds new years or special days.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isIsoDate } from '../../domain/calendar-dates.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';

import { requiredText, parseInput } from '../../platform/forms.js';

export const holidaySchema = z.object({
  date: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'holidays.errors.date' })
      .refine(isIsoDate, { error: 'holidays.errors.date' }),
  ),
  name: requiredText('holidays.errors.name', 120),
});

export function bankHolidayService({ db }: { db: Kysely<DB> }) {
  return {
    async list(year?: number) {
      let query = db.selectFrom('bank_holidays').select(['day', 'name']).orderBy('day');
      if (year)
        query = query.where('day', '>=', `${year}-01-01`).where('day', '<=', `${year}-12-31`);
      return query.execute();
    },

    async add(actor: Actor, input: unknown): Promise<'added' | 'renamed'> {
      await authorize(db, actor, 'administer_system', 'bank_holiday.added');
      const data = parseInput(holidaySchema, input);
      const { date, name } = data;
      return withActor(db, actor, async (tx) => {
        const existing = await tx
          .selectFrom('bank_holidays')
          .select('day')
          .where('day', '=', date)
          .executeTakeFirst();
        await tx
          .insertInto('bank_holidays')
          .values({ day: date, name })
          .onConflict((oc) => oc.column('day').doUpdateSet({ name }))
          .execute();
        await recordAudit(tx, actor, {
          action: 'bank_holiday.added',
          entityType: 'bank_holiday',
          entityId: date,
        });
        return existing ? 'renamed' : 'added';
      });
    },
  };
}
