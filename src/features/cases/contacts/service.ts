// Every attempt to contact someone in a case, and every contact made: when, how, with whom,
// the outcome and by whom. The first conversation with the people involved sets the case's
// time to first contact, counted in working days from the referral.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { workingDaysBetween } from '../../../domain/working-days.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, refuseFutureDate, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { toFieldErrors } from '../../../platform/forms.js';
import { loadHolidays } from '../../referrals/queries.js';
import { loadCase, recordCaseEvent, touchCase } from '../access.js';
import { participantOf, requireCanWorkWith } from '../people/service.js';
import { requireOpenCase } from '../service.js';

export const CONTACT_METHODS = [
  'phone',
  'text',
  'email',
  'letter',
  'in_person',
  'video',
  'prison_visit',
] as const;
export const CONTACT_OUTCOMES = [
  'spoke',
  'left_message',
  'no_answer',
  'wrong_number',
  'declined_to_talk',
  'letter_sent',
  'other',
] as const;

export const contactSchema = z.object({
  participant_id: z
    .string({ error: 'cases.contacts.errors.participant' })
    .min(1, { error: 'cases.contacts.errors.participant' }),
  contacted_on: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .min(1, { error: 'cases.contacts.errors.dateRequired' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
  contacted_time: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z
      .string()
      .regex(/^([01]?\d|2[0-3])[:.]([0-5]\d)$/, { error: 'cases.contacts.errors.time' })
      .optional(),
  ),
  method: z.enum(CONTACT_METHODS, { error: 'cases.contacts.errors.method' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: 'cases.contacts.errors.outcome' }),
  notes: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(4000, { error: 'validation.tooLong' }).optional(),
  ),
});

/** A date and an optional time in UK local time as an instant. */
function londonInstant(date: string, time: string | undefined): Date {
  const [hours, minutes] = (time ?? '12:00').split(/[:.]/).map(Number) as [number, number];
  const guess = new Date(
    `${date}T${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}:00Z`,
  );
  // Correct for British Summer Time: find the offset London had at that moment.
  const london = new Date(guess.toLocaleString('en-US', { timeZone: 'Europe/London' }));
  const utc = new Date(guess.toLocaleString('en-US', { timeZone: 'UTC' }));
  return new Date(guess.getTime() - (london.getTime() - utc.getTime()));
}

export function contactService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  return {
    async list(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      const holidays = await loadHolidays(db);
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const contacts = await tx
          .selectFrom('case_contacts')
          .leftJoin('case_participants', 'case_participants.id', 'case_contacts.participant_id')
          .leftJoin('users', 'users.id', 'case_contacts.recorded_by')
          .select([
            'case_contacts.id',
            'case_contacts.contacted_at as contactedAt',
            'case_contacts.method',
            'case_contacts.outcome',
            'case_contacts.notes',
            'case_participants.display_name as participantName',
            'users.name as recordedBy',
          ])
          .where('case_contacts.case_id', '=', caseId)
          .orderBy('case_contacts.contacted_at', 'desc')
          .execute();
        const participants = await tx
          .selectFrom('case_participants')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { part: 'contacts' },
        });
        const timeToFirstContact =
          row.first_contact_on && row.receivedOn
            ? workingDaysBetween(row.receivedOn, row.first_contact_on, holidays)
            : null;
        return { case: row, contacts, participants, timeToFirstContact };
      });
    },

    /** Logs an attempt or a contact; refused for someone who withdrew consent or is unsafe to contact. */
    async add(actor: Actor, caseId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.contact_recorded');
      const parsed = contactSchema.safeParse(input ?? {});
      if (!parsed.success) throw validationFailed(toFieldErrors(parsed.error));
      const data = parsed.data;
      refuseFutureDate(data.contacted_on, londonDate(clock.now()), 'contacted_on');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const participant = await participantOf(tx, caseId, data.participant_id);
        requireCanWorkWith(participant);
        if (participant.unsafe_to_contact) {
          throw new AppError('conflict', 'cases.contacts.errors.unsafe', {
            params: { name: participant.display_name },
          });
        }
        await tx
          .insertInto('case_contacts')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant.id,
            contacted_at: londonInstant(data.contacted_on, data.contacted_time),
            method: data.method,
            outcome: data.outcome,
            notes: data.notes ?? null,
            recorded_by: actor.kind === 'user' ? actor.userId : null,
          })
          .execute();
        const firstConversation =
          data.outcome === 'spoke' &&
          (participant.role === 'harmed' || participant.role === 'harmer') &&
          (!row.first_contact_on || data.contacted_on < row.first_contact_on);
        await touchCase(
          tx,
          actor,
          clock,
          caseId,
          firstConversation ? { changes: { first_contact_on: data.contacted_on } } : {},
        );
        await recordCaseEvent(tx, actor, caseId, row.org_id, 'contact_recorded', {
          name: participant.display_name,
          method: data.method,
          contactOutcome: data.outcome,
        });
      });
    },
  };
}

export type ContactService = ReturnType<typeof contactService>;
