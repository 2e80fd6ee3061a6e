// Wellbeing on a case: each participant's measures across the categories of need (entry, exit
// review, follow-ups), their distance travelled, and their cope-and-recover plan. Recording is
// open to anyone who may work on the case (a volunteer allocated to it too) and to the
// service's own system through the API; a closed case still takes its exit review. Someone who
// withdrew consent is not measured.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import type { MeasureKind } from '../../../domain/measures.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { loadCase, recordCaseEvent, touchCase, type CaseRow } from '../../cases/access.js';
import { participantOf, requireCanWorkWith } from '../../cases/people/index.js';
import { categoriesOf, isActive, labelHistory, ownCategories } from './categories.js';
import { checkReviews, goalsOf, saveReviews, type ReviewInput } from './goals.js';
import { checkMeasure, measuresTaken, writeMeasure, type MeasureTarget } from './record.js';
import { apiMeasureSchema, API_MEASURE_FIELDS, goalSchema } from './schemas.js';
import { wellbeingImport } from './import.js';
import { categorySettings } from './settings.js';

const E = 'measures.wellbeing.errors';

/** What the web form sends once its fields are gathered (see routes.ts). */
export interface MeasureInput {
  taken_on?: unknown;
  scores?: Record<string, unknown>;
  notes?: unknown;
  /** Goal reviews given with an exit review, by goal id. */
  reviews?: ReviewInput;
}

type Participant = Awaited<ReturnType<typeof participantOf>>;

/** May this person be measured? Not an organisation harmed, and not after consent was withdrawn. */
function requireMeasurable(participant: Participant) {
  if (participant.organisation_name)
    throw new AppError('conflict', `${E}.organisation`, {
      params: { name: participant.display_name },
    });
  requireCanWorkWith(participant);
}

const target = (row: CaseRow, participant: Participant): MeasureTarget => ({
  caseId: row.id,
  orgId: row.org_id,
  participant,
});

export function wellbeingService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const today = () => londonDate(clock.now());

  async function reading<T>(
    actor: Actor,
    caseId: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ) {
    await authorize(db, actor, 'record_measures', 'case.viewed');
    return withActor(db, actor, async (tx) => {
      const row = await loadCase(tx, actor, caseId);
      const result = await work(tx, row);
      await recordAudit(tx, actor, {
        action: 'case.viewed',
        entityType: 'case',
        entityId: caseId,
        details: { part: 'wellbeing' },
      });
      return result;
    });
  }

  async function changing<T>(
    actor: Actor,
    caseId: string,
    action: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ) {
    await authorize(db, actor, 'record_measures', action);
    return withActor(db, actor, async (tx) => work(tx, await loadCase(tx, actor, caseId)));
  }

  /** A participant's page: who they are, the categories offered, their goals and measures. */
  async function participantPage(tx: Tx, row: CaseRow, participantId: string) {
    const participant = await participantOf(tx, row.id, participantId);
    requireMeasurable(participant);
    const { categories } = await categoriesOf(tx, row.org_id);
    const goals = (await goalsOf(tx, row.id)).filter((g) => g.participantId === participantId);
    const taken = (await measuresTaken(tx, [participantId])).get(participantId) ?? [];
    const labels = await labelsById(tx, row.org_id);
    return {
      case: row,
      participant,
      categories: categories.filter(isActive),
      goals: goals.map((g) => ({ ...g, category: labels.get(g.categoryId) ?? '' })),
      taken,
    };
  }

  async function labelsById(tx: Tx, orgId: string) {
    const rows = await tx
      .selectFrom('wellbeing_categories')
      .select(['id', 'label'])
      .where('org_id', '=', orgId)
      .execute();
    return new Map(rows.map((r) => [r.id, r.label]));
  }

  return {
    ...categorySettings({ db, clock }),
    ...wellbeingImport({ db, clock }),

    /** The Wellbeing tab: everything measured on the case, with the labels' history. */
    async tab(actor: Actor, caseId: string) {
      return reading(actor, caseId, async (tx, row) => {
        const { own, categories } = await categoriesOf(tx, row.org_id);
        const participants = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name as name', 'role', 'consent_status as consentStatus'])
          .where('case_id', '=', caseId)
          .where('organisation_name', 'is', null)
          .orderBy('created_at')
          .execute();
        const measures = await tx
          .selectFrom('wellbeing_measures')
          .leftJoin('users', 'users.id', 'wellbeing_measures.recorded_by')
          .select([
            'wellbeing_measures.id',
            'participant_id as participantId',
            'kind',
            'taken_on as takenOn',
            'source',
            'notes',
            'wellbeing_measures.created_at as createdAt',
            'users.name as recordedBy',
          ])
          .where('wellbeing_measures.case_id', '=', caseId)
          .orderBy('taken_on')
          .execute();
        const scores = await tx
          .selectFrom('wellbeing_scores')
          .select(['measure_id as measureId', 'category_id as categoryId', 'score'])
          .where('case_id', '=', caseId)
          .execute();
        const goals = await goalsOf(tx, caseId);
        const history = await labelHistory(tx, own ? categories.map((c) => c.id) : []);
        return { case: row, categories, history, participants, measures, scores, goals };
      });
    },

    /** What the form for an entry measure, exit review or follow-up needs. */
    async measureForm(actor: Actor, caseId: string, participantId: string) {
      return reading(actor, caseId, (tx, row) => participantPage(tx, row, participantId));
    },

    /** Records a measure from the web form; an exit review also reviews the goals not yet reviewed. */
    async record(
      actor: Actor,
      caseId: string,
      participantId: string,
      kind: MeasureKind,
      input: MeasureInput,
    ) {
      return changing(actor, caseId, 'case.wellbeing_measure_recorded', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        requireMeasurable(participant);
        const categories = await ownCategories(tx, actor, row.org_id);
        const taken = (await measuresTaken(tx, [participantId])).get(participantId) ?? [];
        const check = checkMeasure({ ...input, kind }, { categories, today: today(), taken });
        const errors: FieldError[] = check.ok ? [] : [...check.errors];
        const goals =
          kind === 'exit'
            ? (await goalsOf(tx, caseId)).filter((g) => g.participantId === participantId)
            : [];
        const open = new Set(goals.filter((g) => g.reviewOutcome === null).map((g) => g.id));
        const reviewed = checkReviews(input.reviews ?? {}, goals, open);
        errors.push(...reviewed.errors);
        if (!check.ok || errors.length > 0) throw validationFailed(errors);
        const id = await writeMeasure(
          tx,
          actor,
          clock,
          target(row, participant),
          check.measure,
          'practitioner',
        );
        await saveReviews(
          tx,
          actor,
          clock,
          target(row, participant),
          reviewed.reviews,
          check.measure.takenOn,
          { touch: false },
        );
        return id;
      });
    },

    /**
     * Records a measure sent by the service's own system (POST /api/v1/wellbeing-measures):
     * the case by its reference, the participant by id, scores by category key. Every problem
     * with the body is listed at once; an unknown case or participant is "not found".
     */
    async recordFromApi(actor: Actor, body: Record<string, unknown>) {
      await authorize(db, actor, 'record_measures', 'case.wellbeing_measure_recorded');
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
        let found: { row: CaseRow; participant: Participant } | undefined;
        if (ids.success) {
          const match = await tx
            .selectFrom('cases')
            .select('id')
            .where('org_id', '=', orgId)
            .where('reference', '=', ids.data.case_reference)
            .executeTakeFirst();
          if (!match) throw notFound();
          const row = await loadCase(tx, actor, match.id);
          const participant = await participantOf(tx, row.id, ids.data.participant_id);
          requireMeasurable(participant);
          found = { row, participant };
        }
        const taken = found
          ? ((await measuresTaken(tx, [found.participant.id])).get(found.participant.id) ?? [])
          : [];
        const check = checkMeasure(body, { categories, today: today(), taken });
        if (!check.ok) errors.push(...check.errors);
        if (!check.ok || errors.length > 0 || !found) throw validationFailed(errors);
        const id = await writeMeasure(
          tx,
          actor,
          clock,
          target(found.row, found.participant),
          check.measure,
          'api',
        );
        return {
          id,
          case_reference: found.row.reference,
          participant_id: found.participant.id,
          kind: check.measure.kind,
          taken_on: check.measure.takenOn,
          scores: Object.fromEntries(check.measure.scores.map((s) => [s.key, s.score])),
        };
      });
    },

    /** The form to add a goal to someone's cope-and-recover plan. */
    async goalForm(actor: Actor, caseId: string, participantId: string) {
      return reading(actor, caseId, (tx, row) => participantPage(tx, row, participantId));
    },

    async addGoal(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const parsed = goalSchema.safeParse(input ?? {});
      const errors = parsed.success ? [] : toFieldErrors(parsed.error);
      if (parsed.success && parsed.data.set_on > today())
        errors.push({ field: 'set_on', key: `${E}.dateFuture` });
      return changing(actor, caseId, 'case.wellbeing_goal_set', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        requireMeasurable(participant);
        const categories = await ownCategories(tx, actor, row.org_id);
        const category = parsed.success
          ? categories.find((c) => c.key === parsed.data.category && isActive(c))
          : undefined;
        if (parsed.success && !category)
          errors.push({ field: 'category', key: `${E}.goalCategory` });
        if (errors.length > 0 || !parsed.success || !category) throw validationFailed(errors);
        const created = await tx
          .insertInto('coping_goals')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participantId,
            category_id: category.id,
            goal: parsed.data.goal,
            set_on: parsed.data.set_on,
            created_by: actor.kind === 'user' ? actor.userId : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'wellbeing_goal_set',
          { name: participant.display_name, category: category.label },
          { type: 'coping_goal', id: created.id },
        );
        return created.id;
      });
    },

    /** The page reviewing a participant's goals on their own (not with the exit review). */
    async reviewForm(actor: Actor, caseId: string, participantId: string) {
      return reading(actor, caseId, (tx, row) => participantPage(tx, row, participantId));
    },

    /** Reviews every goal of a participant (each needs an outcome), dated today. */
    async reviewGoals(actor: Actor, caseId: string, participantId: string, reviews: ReviewInput) {
      return changing(actor, caseId, 'case.wellbeing_goals_reviewed', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        requireMeasurable(participant);
        const goals = (await goalsOf(tx, caseId)).filter((g) => g.participantId === participantId);
        if (goals.length === 0) throw notFound();
        const checked = checkReviews(reviews, goals, new Set(goals.map((g) => g.id)));
        if (checked.errors.length > 0) throw validationFailed(checked.errors);
        await saveReviews(tx, actor, clock, target(row, participant), checked.reviews, today(), {
          touch: true,
        });
      });
    },
  };
}

export type WellbeingService = ReturnType<typeof wellbeingService>;
