// The cope-and-recover plan: goals per category of need for a participant, and their review
// (met, partly met, not met, with a note) at the exit review or on a page of its own.
import type { Tx } from '../../../db/actor-context.js';
import type { FieldError } from '../../../platform/errors.js';
import type { CaseEvent } from '../../cases/index.js';
import type { MeasureTarget } from './record.js';
import { goalReviewSchema, type GoalOutcome } from './schemas.js';

export interface GoalReview {
  goalId: string;
  outcome: GoalOutcome;
  note: string | null;
}

export type ReviewInput = Record<string, { outcome?: unknown; note?: unknown } | undefined>;

/**
 * The reviews given for a participant's goals: an outcome for each goal in `required`, and
 * optionally for the others shown. Field errors are named `review.<goal id>`.
 */
export function checkReviews(
  input: ReviewInput,
  goals: readonly { id: string }[],
  required: ReadonlySet<string>,
): { reviews: GoalReview[]; errors: FieldError[] } {
  const reviews: GoalReview[] = [];
  const errors: FieldError[] = [];
  for (const goal of goals) {
    const given = input[goal.id];
    const blank = !given || given.outcome === undefined || given.outcome === '';
    if (blank && !required.has(goal.id)) continue;
    const parsed = goalReviewSchema.safeParse({ outcome: given?.outcome, note: given?.note });
    if (parsed.success)
      reviews.push({
        goalId: goal.id,
        outcome: parsed.data.outcome,
        note: parsed.data.note ?? null,
      });
    else {
      const issue = parsed.error.issues[0]!;
      const field = issue.path[0] === 'note' ? `review_note.${goal.id}` : `review.${goal.id}`;
      errors.push({
        field,
        key: issue.message.includes('.') ? issue.message : 'validation.invalid',
      });
    }
  }
  return { reviews, errors };
}

/** Saves reviews dated `reviewedOn`; returns the timeline event they caused, if any. */
export async function saveReviews(
  tx: Tx,
  target: MeasureTarget,
  reviews: readonly GoalReview[],
  reviewedOn: string,
): Promise<CaseEvent | null> {
  if (reviews.length === 0) return null;
  for (const review of reviews) {
    await tx
      .updateTable('coping_goals')
      .set({ review_outcome: review.outcome, review_note: review.note, reviewed_on: reviewedOn })
      .where('id', '=', review.goalId)
      .where('participant_id', '=', target.participant.id)
      .execute();
  }
  return {
    kind: 'wellbeing_goals_reviewed',
    params: { name: target.participant.display_name, count: reviews.length },
  };
}

export function goalsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('coping_goals')
    .select([
      'id',
      'participant_id as participantId',
      'category_id as categoryId',
      'goal',
      'set_on as setOn',
      'review_outcome as reviewOutcome',
      'review_note as reviewNote',
      'reviewed_on as reviewedOn',
    ])
    .where('case_id', '=', caseId)
    .orderBy('set_on')
    .orderBy('created_at')
    .execute();
}

export type Goal = Awaited<ReturnType<typeof goalsOf>>[number];
