// The result of a reoffending check, and where it came from. A closed case can still be checked:
// that is when the checks fall due.
import { isUuid } from '../../../domain/ids.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { notFound, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../../cases/index.js';
import { checkSchema } from './schemas.js';

export const recordCheck =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, checkId: string, input: unknown) => {
    const data = parseInput(checkSchema, input);
    refuseFutureDate(data.checked_on, londonDate(clock.now()), 'checked_on');
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.reoffending_checked',
        capability: 'record_measures',
        allowClosed: true,
      },
      async (tx) => {
        if (!isUuid(checkId)) throw notFound();
        const result = await tx
          .updateTable('reoffending_checks')
          .set({
            checked_on: data.checked_on,
            further_offence: data.further_offence,
            source: data.source,
            notes: data.notes ?? null,
            recorded_by: userIdOf(actor),
          })
          .where('id', '=', checkId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (result.numUpdatedRows === 0n) throw notFound();
        return {
          event: {
            kind: 'reoffending_checked',
            params: { result: data.further_offence },
            entity: { type: 'reoffending_check', id: checkId },
          },
        };
      },
    );
  };
