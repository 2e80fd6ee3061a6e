// The Wellbeing tab (everything measured on the case, with the labels' history) and the pages
// about one person (a measure's form, a goal's, the review of goals). Audited as views of the
// case's wellbeing.
import type { Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../../cases/index.js';
import { categoriesOf, labelHistory } from './categories.js';
import { goalsOf } from './goals.js';
import { participantPage } from './participants.js';

const reading = (actor: Actor, caseId: string) => ({
  actor,
  caseId,
  part: 'wellbeing',
  capability: 'record_measures' as const,
});

export const viewWellbeing =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase(reading(actor, caseId), async (tx, row) => {
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

/** What the pages about one person need: a measure's form, a goal's, the review of goals. */
export const viewParticipantWellbeing =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string) =>
    kernel.readCase(reading(actor, caseId), (tx, row) => participantPage(tx, row, participantId));
