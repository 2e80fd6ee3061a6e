// Records a measure from the web form; an exit review also reviews the goals not yet reviewed.
// Recording is open to anyone who may work on the case (a volunteer allocated to it too); a
// closed case still takes its exit review.
import type { MeasureKind } from '../../../domain/measures.js';
import type { Actor } from '../../../domain/roles.js';
import { validationFailed, type FieldError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import type { CaseDeps, CaseEvent } from '../../cases/index.js';
import { ownCategories } from './categories.js';
import { checkReviews, goalsOf, saveReviews, type ReviewInput } from './goals.js';
import { measurable, target } from './participants.js';
import { checkMeasure, insertMeasure, measureRecorded, measuresTaken } from './record.js';

/** What the web form sends once its fields are gathered (see routes.ts). */
export interface MeasureInput {
  taken_on?: unknown;
  scores?: Record<string, unknown>;
  notes?: unknown;
  /** Goal reviews given with an exit review, by goal id. */
  reviews?: ReviewInput;
}

export const recordMeasure =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, kind: MeasureKind, input: MeasureInput) =>
    kernel.changeCase(measureRecorded(actor, caseId), async (tx, row) => {
      const participant = await measurable(tx, caseId, participantId);
      const categories = await ownCategories(tx, actor, row.org_id);
      const taken = (await measuresTaken(tx, [participantId])).get(participantId) ?? [];
      const today = londonDate(clock.now());
      const check = checkMeasure({ ...input, kind }, { categories, today, taken });
      const errors: FieldError[] = check.ok ? [] : [...check.errors];
      const goals =
        kind === 'exit'
          ? (await goalsOf(tx, caseId)).filter((g) => g.participantId === participantId)
          : [];
      const open = new Set(goals.filter((g) => g.reviewOutcome === null).map((g) => g.id));
      const reviewed = checkReviews(input.reviews ?? {}, goals, open);
      errors.push(...reviewed.errors);
      if (!check.ok || errors.length > 0) throw validationFailed(errors);
      const to = target(row, participant);
      const { id, event } = await insertMeasure(tx, actor, to, check.measure, 'practitioner');
      const events: CaseEvent[] = [event];
      const reviewedEvent = await saveReviews(tx, to, reviewed.reviews, check.measure.takenOn);
      if (reviewedEvent) events.push(reviewedEvent);
      return { event: events, result: id };
    });
