// The person whose equality answers are asked for: someone in the case, never an organisation
// taking part (it has no age, sex or ethnicity); anything else is "not found".
import type { Tx } from '../../db/actor-context.js';
import { notFound } from '../../platform/errors.js';
import { participantOf } from '../cases/index.js';

export async function personOf(tx: Tx, caseId: string, participantId: string) {
  const participant = await participantOf(tx, caseId, participantId);
  if (participant.organisation_name) throw notFound();
  return participant;
}
