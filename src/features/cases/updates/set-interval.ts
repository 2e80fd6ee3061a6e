// A person's own update interval (some want to hear weekly, some only at milestones); empty
// returns them to the service's.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantOf } from '../people/index.js';
import { intervalSchema } from './schemas.js';

export const setUpdateInterval =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(intervalSchema, input);
    return kernel.changeCase({ actor, caseId, action: 'case.update_interval_set' }, async (tx) => {
      const participant = await participantOf(tx, caseId, data.participant_id);
      await tx
        .updateTable('case_participants')
        .set({ update_interval_days: data.interval_days ?? null })
        .where('id', '=', participant.id)
        .execute();
      return {
        event: {
          kind: 'update_interval_set',
          params: { name: participant.display_name, days: data.interval_days ?? null },
        },
      };
    });
  };
