// Satisfaction questionnaires and testimonials: the use cases behind a case's Feedback tab, the
// JSON API, the CSV import, the questionnaire editor and the public one-time link pages, and the
// figures the service outcomes page reads. Each takes the actor, checks access and audits.
import type { Kysely } from 'kysely';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import { can, type Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { notFound, validationFailed, type FieldError } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import type { Notifier } from '../../../platform/notifications.js';
import { recordCaseEvent, touchCase } from '../../cases/access.js';
import { allow, caseAccess } from './case-access.js';
import { questionnaireEditing } from './editing.js';
import { linkUseCases } from './links.js';
import { onlineContactSchema, parse } from './schemas.js';
import { latestQuestionnaire, participantIn, questionnaireById } from './queries.js';
import { audienceForRole, readItems, type Answer, type ItemType } from './questionnaire.js';
import { insertResponse, prepareResponse, type ResponseRequest } from './responses.js';
import { satisfactionImport } from './import/service.js';
import { testimonialUseCases } from './testimonials.js';

export interface FeedbackDeps {
  db: Kysely<DB>;
  clock: Clock;
  notifier: Notifier;
  /** The address people reach Waymark on, for the links sent by email. */
  baseUrl: string;
}

/** A response's answers with each item's kind, for computing rates. */
export interface ResponseForPeriod {
  id: string;
  audience: 'harmed' | 'harmer';
  version: number;
  channel: string;
  respondedOn: string;
  answers: { itemId: string; type: ItemType; value: Answer }[];
}

export function feedbackService(deps: FeedbackDeps) {
  const { db, clock } = deps;
  const cases = caseAccess(db);
  const today = () => londonDate(clock.now());

  /** Linking status of a link, as the tab shows it. */
  const linkStatus = (link: { used_at: Date | null; expires_at: Date }) =>
    link.used_at
      ? 'answered'
      : link.expires_at.getTime() <= clock.now().getTime()
        ? 'expired'
        : 'waiting';

  async function record(actor: Actor, request: ResponseRequest, problems: FieldError[] = []) {
    return cases.changing(
      actor,
      request.caseId ?? '',
      'record_measures',
      'case.feedback_recorded',
      async (tx) => {
        const prepared = await prepareResponse(tx, actor, request, today());
        const errors = [...problems, ...(prepared.ok ? [] : prepared.errors)];
        if (!prepared.ok || errors.length > 0) throw validationFailed(errors);
        const id = await insertResponse(tx, actor, clock, prepared.response);
        return { id, ...prepared.response };
      },
    );
  }

  return {
    /** The Feedback tab: each person's responses and links, and the case's testimonials. */
    async tab(actor: Actor, caseId: string) {
      return cases.reading(actor, caseId, async (tx, row) => {
        const people = await tx
          .selectFrom('case_participants')
          .select([
            'id',
            'display_name',
            'role',
            'consent_status',
            'unsafe_to_contact',
            'online_contact_agreed',
            'contact_email',
          ])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .orderBy('role')
          .orderBy('display_name')
          .execute();
        const responses = await tx
          .selectFrom('questionnaire_responses as r')
          .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
          .leftJoin('users as u', 'u.id', 'r.recorded_by')
          .select([
            'r.id',
            'r.participant_id',
            'r.responded_on',
            'r.channel',
            'q.version',
            'u.name as recordedBy',
          ])
          .where('r.case_id', '=', caseId)
          .orderBy('r.responded_on', 'desc')
          .orderBy('r.created_at', 'desc')
          .execute();
        const links = await tx
          .selectFrom('questionnaire_links')
          .select(['participant_id', 'delivery', 'created_at', 'expires_at', 'used_at'])
          .where('case_id', '=', caseId)
          .orderBy('created_at', 'desc')
          .execute();
        const testimonials = await tx
          .selectFrom('testimonials as t')
          .innerJoin('case_participants as p', 'p.id', 't.participant_id')
          .leftJoin('users as a', 'a.id', 't.approved_by')
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
          .where('t.case_id', '=', caseId)
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
              .map((l) => ({ ...l, status: linkStatus(l) })),
          })),
          testimonials,
          mayCreateLinks: actor.kind === 'user' && actor.role !== 'volunteer',
          mayEditQuestionnaires: can(actor, 'manage_service'),
        };
      });
    },

    /** A person and the questionnaire they would answer now, for the staff entry page. */
    async entryForm(actor: Actor, caseId: string, participantId: string) {
      return cases.reading(actor, caseId, async (tx, row) => {
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
    },

    /** Answers from a paper form or a call, entered on the web (form fields q_<item id>). */
    async recordFromForm(
      actor: Actor,
      caseId: string,
      participantId: string,
      input: Record<string, unknown>,
    ) {
      const channel =
        input.channel === 'paper' || input.channel === 'call' ? input.channel : undefined;
      const answers = Object.fromEntries(
        Object.entries(input)
          .filter(([key]) => key.startsWith('q_'))
          .map(([key, value]) => [key.slice(2), value]),
      );
      return record(
        actor,
        {
          caseId,
          participantId,
          answers,
          respondedOn: input.responded_on,
          channel: channel ?? 'paper',
          style: 'form',
        },
        channel ? [] : [{ field: 'channel', key: 'feedback.errors.channel' }],
      );
    },

    /** Answers sent by a service's own system (POST /api/v1/questionnaire-responses). */
    async recordFromApi(actor: Actor, body: Record<string, unknown>) {
      await allow(db, actor, 'record_measures', 'case.feedback_recorded');
      return withActor(db, actor, async (tx) => {
        const prepared = await prepareResponse(
          tx,
          actor,
          {
            caseReference: body.case_reference,
            participantId: body.participant_id,
            audience: body.audience,
            version: body.questionnaire_version,
            answers: (body.answers ?? {}) as Record<string, unknown>,
            respondedOn: body.responded_on,
            channel: 'api',
            style: 'api',
          },
          today(),
        );
        if (!prepared.ok) throw validationFailed(prepared.errors);
        const id = await insertResponse(tx, actor, clock, prepared.response);
        return { id, ...prepared.response };
      });
    },

    /** One response with its questions as worded in the version answered. */
    async response(actor: Actor, caseId: string, responseId: string) {
      if (!isUuid(responseId)) throw notFound();
      return cases.reading(actor, caseId, async (tx, row) => {
        const response = await tx
          .selectFrom('questionnaire_responses as r')
          .innerJoin('case_participants as p', 'p.id', 'r.participant_id')
          .leftJoin('users as u', 'u.id', 'r.recorded_by')
          .select([
            'r.id',
            'r.questionnaire_id',
            'r.answers',
            'r.channel',
            'r.responded_on',
            'p.display_name as participantName',
            'u.name as recordedBy',
          ])
          .where('r.case_id', '=', caseId)
          .where('r.id', '=', responseId)
          .executeTakeFirst();
        if (!response) throw notFound();
        return {
          case: row,
          response,
          questionnaire: await questionnaireById(tx, response.questionnaire_id),
        };
      });
    },

    /** Whether someone agreed to be sent a questionnaire link, and the email address for it. */
    async setOnlineContact(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const data = parse(onlineContactSchema, input);
      return cases.changing(
        actor,
        caseId,
        'work_cases',
        'case.feedback_contact_changed',
        async (tx, row) => {
          const participant = await participantIn(tx, caseId, participantId);
          await tx
            .updateTable('case_participants')
            .set({ online_contact_agreed: data.agreed, contact_email: data.email ?? null })
            .where('id', '=', participant.id)
            .execute();
          // Someone who no longer agrees is sent nothing more: links not yet used stop working.
          if (!data.agreed) {
            await tx
              .updateTable('questionnaire_links')
              .set({ expires_at: clock.now() })
              .where('participant_id', '=', participant.id)
              .where('used_at', 'is', null)
              .where('expires_at', '>', clock.now())
              .execute();
          }
          await touchCase(tx, actor, clock, caseId);
          await recordCaseEvent(
            tx,
            actor,
            caseId,
            row.org_id,
            data.agreed ? 'feedback.online_contact_agreed' : 'feedback.online_contact_declined',
            { name: participant.display_name },
            { type: 'case_participant', id: participant.id },
          );
        },
      );
    },

    /** A person's contact agreement, for its form. */
    async onlineContactForm(actor: Actor, caseId: string, participantId: string) {
      return cases.reading(actor, caseId, async (tx, row) => ({
        case: row,
        participant: await participantIn(tx, caseId, participantId),
      }));
    },

    /**
     * Every response given in a period (dates inclusive) with its answers, each with its item's
     * id and kind and the audience: what satisfaction rates are computed from
     * (agreementRate and recommendationRate in src/domain/measures.ts).
     */
    async responsesForPeriod(
      actor: Actor,
      period: { from: string; to: string },
    ): Promise<ResponseForPeriod[]> {
      await authorize(db, actor, 'manage_service', 'feedback.responses_read');
      return withActor(db, actor, async (tx) => {
        const rows = await tx
          .selectFrom('questionnaire_responses as r')
          .innerJoin('questionnaires as q', 'q.id', 'r.questionnaire_id')
          .select([
            'r.id',
            'q.audience',
            'q.version',
            'q.items',
            'r.channel',
            'r.responded_on',
            'r.answers',
          ])
          .where('r.org_id', '=', actor.orgId!)
          .where('r.responded_on', '>=', period.from)
          .where('r.responded_on', '<=', period.to)
          .orderBy('r.responded_on')
          .execute();
        await recordAudit(tx, actor, {
          action: 'feedback.responses_read',
          details: { from: period.from, to: period.to, responses: rows.length },
        });
        return rows.map((row) => {
          const answers = row.answers as Record<string, Answer>;
          return {
            id: row.id,
            audience: row.audience,
            version: row.version,
            channel: row.channel,
            respondedOn: row.responded_on,
            answers: readItems(row.items)
              .filter((item) => answers[item.id] !== undefined)
              .map((item) => ({ itemId: item.id, type: item.type, value: answers[item.id]! })),
          };
        });
      });
    },

    ...questionnaireEditing(deps),
    ...linkUseCases(deps),
    ...testimonialUseCases(deps),
    /** The CSV import (waymark import satisfaction). */
    import: satisfactionImport(deps),
  };
}

export type FeedbackService = ReturnType<typeof feedbackService>;
