// A manager allocates a lead facilitator and any co-workers.
import { userIdOf, type Actor } from '../../domain/roles.js';
import { validationFailed } from '../../platform/errors.js';
import { parseInput } from '../../platform/forms.js';
import { expectedVersion, type CaseDeps } from './kernel/index.js';
import { allocationSchema } from './schemas.js';
import { allocate, facilitatorsOf } from './staff.js';

export const allocateCase =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(allocationSchema, input);
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.allocated',
        capability: 'manage_service',
        expectedVersion: expectedVersion(input),
        allowClosed: true,
      },
      async (tx, row) => {
        const staff = new Map((await facilitatorsOf(tx, row.org_id)).map((u) => [u.id, u]));
        const chosen = [...new Set([data.lead, ...data.others])];
        if (chosen.some((userId) => !staff.has(userId)))
          throw validationFailed([{ field: 'lead', key: 'cases.errors.facilitatorUnknown' }]);
        await tx.deleteFrom('case_allocations').where('case_id', '=', caseId).execute();
        await allocate(tx, row, { userIds: chosen, lead: data.lead, by: userIdOf(actor) });
        const others = chosen.filter((u) => u !== data.lead).map((u) => staff.get(u)!.name);
        return {
          event: {
            kind: 'allocated',
            params: { lead: staff.get(data.lead)!.name, others: others.join(', ') },
          },
        };
      },
    );
  };
