// Records a measure sent by the service's own system (POST /api/v1/wellbeing-measures): the
// case by its reference, the participant by id, scores by category key. Every problem with the
// body is listed at once; an unknown case or participant is "not found".
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { authorize } from '../../../platform/authorize.js';
import { notFound, validationFailed, type FieldError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { loadCase, type CaseDeps } from '../../cases/index.js';
import { ownCategories } from './categories.js';
import { measurable, target } from './participants.js';
import { checkMeasure, insertMeasure, measureRecorded, measuresTaken } from './record.js';
import { apiMeasureSchema, API_MEASURE_FIELDS } from './schemas.js';

/** The case and person the body names, or "not found" when the service has no such case. */
async function named(
  tx: Tx,
  actor: Actor,
  orgId: string,
  ids: { case_reference: string; participant_id: string },
) {
  const match = await tx
    .selectFrom('cases')
    .select('id')
    .where('org_id', '=', orgId)
    .where('reference', '=', ids.case_reference)
    .executeTakeFirst();
  if (!match) throw notFound();
  const row = await loadCase(tx, actor, match.id);
  return { row, participant: await measurable(tx, row.id, ids.participant_id) };
}

export const recordMeasureFromApi =
  ({ db, clock, kernel }: CaseDeps) =>
  async (actor: Actor, body: Record<string, unknown>) => {
    const change = measureRecorded(actor, '');
    await authorize(db, actor, change.capability, change.action);
    const errors: FieldError[] = Object.keys(body)
      .filter((key) => !API_MEASURE_FIELDS.includes(key))
      .map((field) => ({ field, key: 'api.errors.unknownField' }));
    const ids = apiMeasureSchema
      .pick({ case_reference: true, participant_id: true })
      .safeParse(body);
    if (!ids.success) errors.push(...toFieldErrors(ids.error));
    const orgId = actor.orgId;
    if (!orgId) throw notFound();
    return withActor(db, actor, async (tx) => {
      const categories = await ownCategories(tx, actor, orgId);
      const found = ids.success ? await named(tx, actor, orgId, ids.data) : undefined;
      const taken = found
        ? ((await measuresTaken(tx, [found.participant.id])).get(found.participant.id) ?? [])
        : [];
      const check = checkMeasure(body, { categories, today: londonDate(clock.now()), taken });
      if (!check.ok) errors.push(...check.errors);
      if (!check.ok || errors.length > 0 || !found) throw validationFailed(errors);
      const { row, participant } = found;
      const id = await kernel.changeCaseIn(tx, { ...change, caseId: row.id }, async () => {
        const written = await insertMeasure(
          tx,
          actor,
          target(row, participant),
          check.measure,
          'api',
        );
        return { event: written.event, result: written.id };
      });
      return {
        id,
        case_reference: row.reference,
        participant_id: participant.id,
        kind: check.measure.kind,
        taken_on: check.measure.takenOn,
        scores: Object.fromEntries(check.measure.scores.map((s) => [s.key, s.score])),
      };
    });
  };
