// Checking and writing one wellbeing measure: the rules every door (web, API, CSV import) goes
// through. A score is needed for every category of need in use; none for a retired or unknown
// one; the date is real and not in the future; and the measure fits those the participant
// already has (one entry, one exit, follow-ups after them, nothing twice on a day).
import type { Tx } from '../../../db/actor-context.js';
import {
  measureSequenceProblem,
  type MeasureKind,
  type TakenMeasure,
} from '../../../domain/measures.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { isUniqueViolation, validationFailed, type FieldError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import type { CaseEvent } from '../../cases/index.js';
import { measureChange } from '../measure-change.js';
import { isActive, type Category } from './categories.js';
import { measureSchema } from './schemas.js';

const E = 'measures.wellbeing.errors';

export interface CheckedMeasure {
  kind: MeasureKind;
  takenOn: string;
  scores: { categoryId: string; key: string; score: number }[];
  notes: string | null;
}

export type MeasureCheck =
  { ok: true; measure: CheckedMeasure } | { ok: false; errors: FieldError[]; duplicate: boolean };

export interface MeasureContext {
  /** The service's own categories, active and retired. */
  categories: readonly Category[];
  /** Today in London, YYYY-MM-DD. */
  today: string;
  /** The participant's measures so far. */
  taken: readonly TakenMeasure[];
}

const blank = (value: unknown) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** A submitted measure, checked: every problem at once, or the measure ready to write. */
export function checkMeasure(
  input: Record<string, unknown>,
  context: MeasureContext,
): MeasureCheck {
  const parsed = measureSchema.safeParse(input);
  const errors: FieldError[] = parsed.success ? [] : toFieldErrors(parsed.error);
  const has = (field: string) => errors.some((e) => e.field === field);
  const scores =
    input.scores && typeof input.scores === 'object' && !Array.isArray(input.scores)
      ? (input.scores as Record<string, unknown>)
      : {};

  const byKey = new Map(context.categories.map((c) => [c.key, c]));
  for (const category of context.categories.filter(isActive)) {
    const field = `scores.${category.key}`;
    if (
      blank(Object.hasOwn(scores, category.key) ? scores[category.key] : undefined) &&
      !has(field)
    )
      errors.push({ field, key: `${E}.scoreRequired`, params: { category: category.label } });
  }
  for (const key of Object.keys(scores)) {
    const category = byKey.get(key);
    const field = `scores.${key}`;
    if (blank(scores[key]) || has(field)) continue;
    if (!category) errors.push({ field, key: `${E}.scoreUnknown`, params: { key } });
    else if (!isActive(category))
      errors.push({ field, key: `${E}.scoreRetired`, params: { category: category.label } });
  }

  let duplicate = false;
  const kindField = measureSchema.shape.kind.safeParse(input.kind);
  const dateField = measureSchema.shape.taken_on.safeParse(input.taken_on);
  if (kindField.success && dateField.success) {
    const [kind, takenOn] = [kindField.data, dateField.data];
    if (takenOn > context.today) errors.push({ field: 'taken_on', key: `${E}.dateFuture` });
    else {
      const problem = measureSequenceProblem({ kind, takenOn }, context.taken);
      if (problem) {
        duplicate = problem.problem === 'duplicate';
        errors.push({
          field: problem.problem === 'once' ? 'kind' : 'taken_on',
          key: `${E}.sequence.${problem.problem}.${problem.other.kind}`,
          params: { date: formatDate(problem.other.takenOn) },
        });
      }
    }
  }

  if (!parsed.success || errors.length > 0) return { ok: false, errors, duplicate };
  return {
    ok: true,
    measure: {
      kind: parsed.data.kind,
      takenOn: parsed.data.taken_on,
      notes: parsed.data.notes ?? null,
      scores: context.categories
        .filter((c) => isActive(c) && Object.hasOwn(parsed.data.scores, c.key))
        .map((c) => ({ categoryId: c.id, key: c.key, score: parsed.data.scores[c.key]! })),
    },
  };
}

/** Scores as a form or a CSV row sends them ("3"), as numbers; anything else is left to fail. */
export function numericScores(values: Record<string, unknown>): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(values)
      .filter(([, value]) => !blank(value))
      .map(([key, value]) => {
        const text = typeof value === 'string' ? value.trim() : value;
        return [key, typeof text === 'string' && /^\d+$/.test(text) ? Number(text) : text];
      }),
  );
}

export interface MeasureTarget {
  caseId: string;
  orgId: string;
  participant: { id: string; display_name: string };
}

/**
 * Writes a checked measure; returns its id and the timeline event it caused, for the case
 * kernel to record (the work of a changeCase).
 */
export async function insertMeasure(
  tx: Tx,
  actor: Actor,
  target: MeasureTarget,
  measure: CheckedMeasure,
  source: 'practitioner' | 'api' | 'import',
): Promise<{ id: string; event: CaseEvent }> {
  const inserted = tx
    .insertInto('wellbeing_measures')
    .values({
      org_id: target.orgId,
      case_id: target.caseId,
      participant_id: target.participant.id,
      kind: measure.kind,
      taken_on: measure.takenOn,
      source,
      notes: measure.notes,
      recorded_by: userIdOf(actor),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // Someone else saved the same measure since it was checked: say so rather than fail.
  const { id } = await inserted.catch((error: unknown) => {
    if (!isUniqueViolation(error)) throw error;
    throw validationFailed([
      { field: 'taken_on', key: 'measures.wellbeing.errors.recordedMeanwhile' },
    ]);
  });
  if (measure.scores.length > 0) {
    await tx
      .insertInto('wellbeing_scores')
      .values(
        measure.scores.map((s) => ({
          measure_id: id,
          org_id: target.orgId,
          case_id: target.caseId,
          category_id: s.categoryId,
          score: s.score,
        })),
      )
      .execute();
  }
  return {
    id,
    event: {
      kind: `wellbeing_${measure.kind}_recorded`,
      params: { name: target.participant.display_name },
      entity: { type: 'wellbeing_measure', id },
    },
  };
}

/** A wellbeing measure recorded against a case (any door). */
export const measureRecorded = (actor: Actor, caseId: string) =>
  measureChange(actor, caseId, 'case.wellbeing_measure_recorded');

/** The measures a participant has, for checking a new one against. */
export async function measuresTaken(tx: Tx, participantIds: readonly string[]) {
  if (participantIds.length === 0) return new Map<string, TakenMeasure[]>();
  const rows = await tx
    .selectFrom('wellbeing_measures')
    .select(['participant_id', 'kind', 'taken_on'])
    .where('participant_id', 'in', participantIds)
    .execute();
  const taken = new Map<string, TakenMeasure[]>();
  for (const row of rows) {
    const list = taken.get(row.participant_id) ?? [];
    list.push({ kind: row.kind, takenOn: row.taken_on });
    taken.set(row.participant_id, list);
  }
  return taken;
}
