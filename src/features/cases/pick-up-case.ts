// A practitioner takes an unallocated case as its lead.
import type { Actor } from '../../domain/roles.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { CaseDeps } from './kernel/index.js';
import { allocate, allocationsOf } from './staff.js';

export const pickUpCase =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.picked_up',
        capability: 'triage_referrals',
        allowClosed: true,
      },
      async (tx, row) => {
        if (actor.kind !== 'user') throw forbidden();
        const existing = await allocationsOf(tx, caseId);
        if (existing.some((a) => a.lead))
          throw new AppError('conflict', 'cases.errors.alreadyAllocated');
        await allocate(tx, row, { userIds: [actor.userId], lead: actor.userId, by: actor.userId });
        return { event: { kind: 'picked_up', params: { lead: actor.name } } };
      },
    );
