// The Contacts tab: every attempt and contact, and the time to first contact in working days.
import type { Actor } from '../../../domain/roles.js';
import { workingDaysBetween } from '../../../domain/working-days.js';
import { loadHolidays } from '../../bank-holidays/index.js';
import { participantsOf } from '../facts.js';
import { caseList, type CaseDeps } from '../kernel/index.js';

export const viewContacts =
  ({ kernel, db }: CaseDeps) =>
  async (actor: Actor, caseId: string) => {
    const holidays = await loadHolidays(db);
    return kernel.readCase({ actor, caseId, part: 'contacts' }, async (tx, row) => {
      const contacts = await caseList(tx, 'case_contacts', caseId, 'recordedBy')
        .leftJoin('case_participants', 'case_participants.id', 'case_contacts.participant_id')
        .select([
          'case_contacts.id',
          'case_contacts.contacted_at as contactedAt',
          'case_contacts.time_given as timeGiven',
          'case_contacts.method',
          'case_contacts.outcome',
          'case_contacts.notes',
          'case_contacts.rj_explained as rjExplained',
          'case_contacts.safe_contact_reason as safeContactReason',
          'case_participants.display_name as participantName',
        ])
        .orderBy('case_contacts.contacted_at', 'desc')
        .execute();
      const participants = await participantsOf(tx, caseId);
      const timeToFirstContact =
        row.first_contact_on && row.receivedOn
          ? workingDaysBetween(row.receivedOn, row.first_contact_on, holidays)
          : null;
      return { case: row, contacts, participants, timeToFirstContact };
    });
  };
