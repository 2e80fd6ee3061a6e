// The people in a case: who they are, how to reach them safely, the offer of restorative
// justice and its answer, and their informed consent (which they may withdraw at any time).
import type { Kysely } from 'kysely';
import type { z } from 'zod';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { addDays } from '../../../domain/calendar-dates.js';
import { canWorkWith } from '../../../domain/case-lifecycle.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import type { Clock } from '../../../platform/clock.js';
import {
  AppError,
  notFound,
  refuseFutureDate,
  validationFailed,
} from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { expectedVersion, recordCaseEvent, touchCase, type CaseRow } from '../access.js';
import { caseFacts } from '../facts.js';
import { changeOpenCase, readCase } from '../service.js';
import { consentSchema, offerSchema, participantSchema, withdrawalSchema } from './schemas.js';

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(toFieldErrors(result.error));
  return result.data;
}

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

export async function participantOf(tx: Tx, caseId: string, participantId: string) {
  if (!isUuid(participantId)) throw notFound();
  const row = await tx
    .selectFrom('case_participants')
    .selectAll()
    .where('id', '=', participantId)
    .where('case_id', '=', caseId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row;
}

/** Work with someone who withdrew consent stops: refuse it, saying so. */
export function requireCanWorkWith(participant: { consent_status: string; display_name: string }) {
  if (!canWorkWith({ consent: participant.consent_status as 'withdrawn' })) {
    throw new AppError('conflict', 'cases.people.errors.withdrawn', {
      params: { name: participant.display_name },
    });
  }
}

export function peopleService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function history(tx: Tx, caseId: string) {
    const offers = await tx
      .selectFrom('case_offers')
      .leftJoin('users', 'users.id', 'case_offers.recorded_by')
      .select([
        'case_offers.id',
        'case_offers.participant_id as participantId',
        'case_offers.offered_on as offeredOn',
        'case_offers.method',
        'case_offers.answer',
        'case_offers.reoffer_on as reofferOn',
        'case_offers.notes',
        'users.name as recordedBy',
      ])
      .where('case_offers.case_id', '=', caseId)
      .orderBy('case_offers.offered_on', 'desc')
      .orderBy('case_offers.created_at', 'desc')
      .execute();
    const consents = await tx
      .selectFrom('case_consents')
      .leftJoin('users', 'users.id', 'case_consents.recorded_by')
      .select([
        'case_consents.id',
        'case_consents.participant_id as participantId',
        'case_consents.given_on as givenOn',
        'case_consents.how',
        'case_consents.witness',
        'case_consents.explained',
        'case_consents.withdrawn_on as withdrawnOn',
        'case_consents.withdrawal_note as withdrawalNote',
        'users.name as recordedBy',
      ])
      .where('case_consents.case_id', '=', caseId)
      .orderBy('case_consents.given_on', 'desc')
      .execute();
    return { offers, consents };
  }

  async function reading<T>(
    actor: Actor,
    caseId: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ): Promise<T> {
    return readCase(db, actor, caseId, 'people', work);
  }

  async function changing<T>(
    actor: Actor,
    caseId: string,
    action: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ): Promise<T> {
    return changeOpenCase(db, actor, action, caseId, work);
  }

  return {
    async list(actor: Actor, caseId: string) {
      return reading(actor, caseId, async (tx, row) => {
        const facts = await caseFacts(tx, row);
        const participants = await tx
          .selectFrom('case_participants')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        return {
          case: row,
          participants: participants.map((p) => ({
            ...p,
            facts: facts.participants.find((f) => f.id === p.id)!,
          })),
          ...(await history(tx, caseId)),
        };
      });
    },

    async get(actor: Actor, caseId: string, participantId: string) {
      return reading(actor, caseId, async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        const facts = await caseFacts(tx, row);
        const { offers, consents } = await history(tx, caseId);
        const settings = await tx
          .selectFrom('service_settings')
          .select('reoffer_interval_days')
          .where('org_id', '=', row.org_id)
          .executeTakeFirst();
        return {
          case: row,
          participant: {
            ...participant,
            facts: facts.participants.find((f) => f.id === participant.id)!,
          },
          offers: offers.filter((o) => o.participantId === participantId),
          consents: consents.filter((c) => c.participantId === participantId),
          reofferIntervalDays: settings?.reoffer_interval_days ?? 90,
        };
      });
    },

    async add(actor: Actor, caseId: string, input: unknown) {
      const data = parse(participantSchema, input);
      return changing(actor, caseId, 'case.participant_added', async (tx, row) => {
        const created = await tx
          .insertInto('case_participants')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            display_name: data.display_name,
            organisation_name: data.is_organisation ? data.display_name : null,
            role: data.role,
            connection: data.role === 'connected' ? (data.connection ?? null) : null,
            safe_phone: data.safe_phone ?? null,
            may_leave_message: data.may_leave_message ?? null,
            preferred_contact: data.preferred_contact ?? null,
            preferred_times: data.preferred_times ?? null,
            do_not_contact_via: data.do_not_contact_via ?? null,
            unsafe_to_contact: data.unsafe_to_contact,
            interpreter_language: data.interpreter_language ?? null,
            accessibility_needs: data.accessibility_needs ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'participant_added',
          { name: data.display_name, role: data.role },
          { type: 'case_participant', id: created.id },
        );
        return created.id;
      });
    },

    /** Changes someone's details and safe-contact instructions (refused if the case changed since the form was shown). */
    async update(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const data = parse(participantSchema, input);
      return changing(actor, caseId, 'case.participant_updated', async (tx, row) => {
        await participantOf(tx, caseId, participantId);
        await tx
          .updateTable('case_participants')
          .set({
            display_name: data.display_name,
            organisation_name: data.is_organisation ? data.display_name : null,
            role: data.role,
            connection: data.role === 'connected' ? (data.connection ?? null) : null,
            safe_phone: data.safe_phone ?? null,
            may_leave_message: data.may_leave_message ?? null,
            preferred_contact: data.preferred_contact ?? null,
            preferred_times: data.preferred_times ?? null,
            do_not_contact_via: data.do_not_contact_via ?? null,
            unsafe_to_contact: data.unsafe_to_contact,
            interpreter_language: data.interpreter_language ?? null,
            accessibility_needs: data.accessibility_needs ?? null,
          })
          .where('id', '=', participantId)
          .execute();
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'participant_updated',
          { name: data.display_name },
          { type: 'case_participant', id: participantId },
        );
      });
    },

    /** Records RJ being offered and the answer; "not now" puts the person in the re-offer queue. */
    async recordOffer(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const data = parse(offerSchema, input);
      refuseFutureDate(data.offered_on, londonDate(clock.now()), 'offered_on');
      return changing(actor, caseId, 'case.offer_recorded', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        requireCanWorkWith(participant);
        const settings = await tx
          .selectFrom('service_settings')
          .select('reoffer_interval_days')
          .where('org_id', '=', row.org_id)
          .executeTakeFirst();
        const reofferOn =
          data.answer === 'not_now'
            ? (data.reoffer_on ?? addDays(data.offered_on, settings?.reoffer_interval_days ?? 90))
            : null;
        await tx
          .insertInto('case_offers')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participantId,
            offered_on: data.offered_on,
            method: data.method,
            answer: data.answer,
            reoffer_on: reofferOn,
            notes: data.notes ?? null,
            recorded_by: userId(actor),
          })
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(tx, actor, caseId, row.org_id, 'offer_recorded', {
          name: participant.display_name,
          answer: data.answer,
          reofferOn: reofferOn ?? null,
        });
        return { reofferOn };
      });
    },

    /** Informed consent, with what was explained and how it was given. */
    async recordConsent(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const data = parse(consentSchema, input);
      refuseFutureDate(data.given_on, londonDate(clock.now()), 'given_on');
      return changing(actor, caseId, 'case.consent_recorded', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        const latestOffer = await tx
          .selectFrom('case_offers')
          .select('answer')
          .where('participant_id', '=', participantId)
          .orderBy('offered_on', 'desc')
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        if (latestOffer?.answer !== 'yes')
          throw new AppError('conflict', 'cases.consent.errors.needsYes', {
            params: { name: participant.display_name },
          });
        await tx
          .insertInto('case_consents')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participantId,
            given_on: data.given_on,
            how: data.how,
            witness: data.witness ?? null,
            explained: data.explained,
            notes: data.notes ?? null,
            recorded_by: userId(actor),
          })
          .execute();
        await tx
          .updateTable('case_participants')
          .set({ consent_status: 'given' })
          .where('id', '=', participantId)
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(tx, actor, caseId, row.org_id, 'consent_given', {
          name: participant.display_name,
          how: data.how,
        });
      });
    },

    /** Consent withdrawn: work with this person stops, and every page says so. */
    async withdrawConsent(actor: Actor, caseId: string, participantId: string, input: unknown) {
      const data = parse(withdrawalSchema, input);
      return changing(actor, caseId, 'case.consent_withdrawn', async (tx, row) => {
        const participant = await participantOf(tx, caseId, participantId);
        if (participant.consent_status !== 'given')
          throw new AppError('conflict', 'cases.consent.errors.notGiven');
        await tx
          .updateTable('case_consents')
          .set({ withdrawn_on: data.withdrawn_on, withdrawal_note: data.withdrawal_note ?? null })
          .where('participant_id', '=', participantId)
          .where('withdrawn_on', 'is', null)
          .execute();
        await tx
          .updateTable('case_participants')
          .set({ consent_status: 'withdrawn' })
          .where('id', '=', participantId)
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(tx, actor, caseId, row.org_id, 'consent_withdrawn', {
          name: participant.display_name,
        });
      });
    },
  };
}

export type PeopleService = ReturnType<typeof peopleService>;
