// Reoffending follow-up for people who harmed: a check date in a queue, and the result with
// where it came from. A closed case can still be checked.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound, refuseFutureDate, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { loadCase, recordCaseEvent, touchCase } from '../../cases/access.js';

export const REOFFENDING_SOURCES = [
  'police_national_computer',
  'police',
  'probation',
  'youth_offending',
  'self_report',
  'other',
] as const;

export const checkSchema = z.object({
  checked_on: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .min(1, { error: 'measures.reoffending.errors.date' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
  further_offence: z.enum(['yes', 'no', 'unknown'], {
    error: 'measures.reoffending.errors.result',
  }),
  source: z.enum(REOFFENDING_SOURCES, { error: 'measures.reoffending.errors.source' }),
  notes: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(2000, { error: 'validation.tooLong' }).optional(),
  ),
});

export function reoffendingService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    /** The checks of one case (shown on its summary). */
    async forCase(actor: Actor, caseId: string) {
      await authorize(db, actor, 'record_measures', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        await loadCase(tx, actor, caseId);
        return tx
          .selectFrom('reoffending_checks')
          .innerJoin(
            'case_participants',
            'case_participants.id',
            'reoffending_checks.participant_id',
          )
          .selectAll('reoffending_checks')
          .select('case_participants.display_name as participantName')
          .where('reoffending_checks.case_id', '=', caseId)
          .orderBy('due_on')
          .execute();
      });
    },

    async record(actor: Actor, caseId: string, checkId: string, input: unknown) {
      await authorize(db, actor, 'record_measures', 'case.reoffending_checked');
      const parsed = checkSchema.safeParse(input ?? {});
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const data = parsed.data;
      refuseFutureDate(data.checked_on, londonDate(clock.now()), 'checked_on');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        if (!isUuid(checkId)) throw notFound();
        const result = await tx
          .updateTable('reoffending_checks')
          .set({
            checked_on: data.checked_on,
            further_offence: data.further_offence,
            source: data.source,
            notes: data.notes ?? null,
            recorded_by: actor.kind === 'user' ? actor.userId : null,
          })
          .where('id', '=', checkId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'reoffending_checked',
          { result: data.further_offence },
          { type: 'reoffending_check', id: checkId },
        );
      });
    },
  };
}

export type ReoffendingService = ReturnType<typeof reoffendingService>;
