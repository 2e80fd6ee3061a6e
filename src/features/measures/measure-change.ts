// How every measure is recorded against a case: by whoever may record measures (staff, a
// volunteer allocated to the case, the service's own system), closed cases included, since
// measures are taken after the work ends (an exit review, a satisfaction questionnaire).
import type { Actor } from '../../domain/roles.js';
import type { ChangeCaseOptions } from '../cases/index.js';

export const measureChange = (actor: Actor, caseId: string, action: string) =>
  ({
    actor,
    caseId,
    action,
    capability: 'record_measures',
    allowClosed: true,
  }) satisfies ChangeCaseOptions;
