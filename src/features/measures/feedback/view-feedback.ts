// The Feedback tab (each person's responses and links, and the case's testimonials), the staff
// entry page, one response with its questions as worded in the version answered, and a
// person's contact agreement. Each is audited as a view of the case's feedback.
import { isUuid } from '../../../domain/ids.js';
import { can, type Actor } from '../../../domain/roles.js';
import { notFound, validationFailed } from '../../../platform/errors.js';
import type { CaseDeps } from '../../cases/index.js';
import {
  contactColumns,
  latestQuestionnaire,
  participantIn,
  questionnaireById,
  responsesOfCase,
  testimonialsOfCase,
} from './queries.js';
import { audienceForRole } from './questionnaire.js';

/** A link as the tab shows it: answered, expired or waiting. */
const linkStatus = (link: { used_at: Date | null; expires_at: Date }, now: Date) =>
  link.used_at ? 'answered' : link.expires_at.getTime() <= now.getTime() ? 'expired' : 'waiting';

/** The Feedback tab: each person's responses and links, and the case's testimonials. */
export const viewFeedback =
  ({ kernel, clock }: CaseDeps) =>
  async (actor: Actor, caseId: string) => {
    return kernel.readCase({ actor, caseId, part: 'feedback' }, async (tx, row) => {
      const people = await tx
        .selectFrom('case_participants')
        .select(['id', ...contactColumns])
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('role')
        .orderBy('display_name')
        .execute();
      const responses = await responsesOfCase(tx, caseId)
        .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
        .select(['r.id', 'r.participant_id', 'r.responded_on', 'r.channel', 'q.version'])
        .orderBy('r.responded_on', 'desc')
        .orderBy('r.created_at', 'desc')
        .execute();
      const links = await tx
        .selectFrom('questionnaire_links')
        .select(['participant_id', 'delivery', 'created_at', 'expires_at', 'used_at'])
        .where('case_id', '=', caseId)
        .orderBy('created_at', 'desc')
        .execute();
      const testimonials = await testimonialsOfCase(tx, caseId)
        .select([
          't.id',
          'p.display_name as participantName',
          't.quote',
          't.anonymised',
          't.consent_scope',
          't.consent_on',
          't.approved_at',
          'a.name as approvedBy',
        ])
        .orderBy('t.consent_on', 'desc')
        .execute();
      return {
        case: row,
        people: people.map((p) => ({
          ...p,
          audience: audienceForRole(p.role),
          withdrawn: p.consent_status === 'withdrawn',
          responses: responses.filter((r) => r.participant_id === p.id),
          links: links
            .filter((l) => l.participant_id === p.id)
            .map((l) => ({ ...l, status: linkStatus(l, clock.now()) })),
        })),
        testimonials,
        mayCreateLinks: can(actor, 'lead_cases'),
        mayEditQuestionnaires: can(actor, 'manage_service'),
      };
    });
  };

/** A person and the questionnaire they would answer now, for the staff entry page. */
export const feedbackEntryForm =
  ({ kernel }: CaseDeps) =>
  async (actor: Actor, caseId: string, participantId: string) => {
    return kernel.readCase({ actor, caseId, part: 'feedback' }, async (tx, row) => {
      const participant = await participantIn(tx, caseId, participantId);
      const audience = audienceForRole(participant.role);
      if (!audience)
        throw validationFailed([
          { field: 'participant_id', key: 'feedback.errors.noQuestionnaireForRole' },
        ]);
      return {
        case: row,
        participant,
        questionnaire: await latestQuestionnaire(tx, row.org_id, audience),
      };
    });
  };

/** One response with its questions as worded in the version answered. */
export const viewResponse =
  ({ kernel }: CaseDeps) =>
  async (actor: Actor, caseId: string, responseId: string) => {
    if (!isUuid(responseId)) throw notFound();
    return kernel.readCase({ actor, caseId, part: 'feedback' }, async (tx, row) => {
      const response = await responsesOfCase(tx, caseId)
        .innerJoin('case_participants as p', 'p.id', 'r.participant_id')
        .select([
          'r.id',
          'r.questionnaire_id',
          'r.answers',
          'r.channel',
          'r.responded_on',
          'p.display_name as participantName',
        ])
        .where('r.id', '=', responseId)
        .executeTakeFirstOrThrow(notFound);
      return {
        case: row,
        response,
        questionnaire: await questionnaireById(tx, response.questionnaire_id),
      };
    });
  };

/** A person's contact agreement, for its form. */
export const onlineContactForm =
  ({ kernel }: CaseDeps) =>
  async (actor: Actor, caseId: string, participantId: string) => {
    return kernel.readCase({ actor, caseId, part: 'feedback' }, async (tx, row) => ({
      case: row,
      participant: await participantIn(tx, caseId, participantId),
    }));
  };
