// The page on which a service manager changes a case's safety flags: reading it is audited.
import type { Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../kernel/index.js';
import { flagsOf } from './change-flags.js';

export const viewFlags =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase(
      { actor, caseId, part: 'safety-flags', capability: 'manage_service' },
      async (_tx, row) => ({ case: row, flags: flagsOf(row) }),
    );
