// The "Keeping informed" tab: for each person kept informed, their interval, their last update
// and when the next is due; and every update given, newest first.
import type { Tx } from '../../../db/actor-context.js';
import {
  DEFAULT_UPDATE_INTERVAL_DAYS,
  intervalDays,
  keptInformed,
  updateDueOn,
} from '../../../domain/keeping-informed.js';
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { caseList, type CaseDeps, type CaseRow } from '../kernel/index.js';
import { serviceSettings } from '../rj-service.js';

export async function serviceUpdateInterval(tx: Tx, orgId: string): Promise<number> {
  const settings = await serviceSettings(tx, orgId);
  return settings?.update_interval_days ?? DEFAULT_UPDATE_INTERVAL_DAYS;
}

async function peopleOf(tx: Tx, row: CaseRow, serviceIntervalDays: number) {
  const people = await tx
    .selectFrom('case_participants as p')
    .select((eb) => [
      'p.id',
      'p.display_name as name',
      'p.role',
      'p.consent_status as consent',
      'p.unsafe_to_contact as unsafeToContact',
      'p.update_interval_days as ownIntervalDays',
      'p.may_leave_message as mayLeaveMessage',
      'p.preferred_contact as preferredContact',
      'p.do_not_contact_via as doNotContactVia',
      eb
        .selectFrom('case_updates as u')
        .select((u) => u.fn.max('told_on').as('d'))
        .whereRef('u.participant_id', '=', 'p.id')
        .as('lastToldOn'),
      eb
        .selectFrom('case_contacts as c')
        .select((c) => c.fn.max('contacted_at').as('d'))
        .whereRef('c.participant_id', '=', 'p.id')
        .where('c.outcome', '=', 'spoke')
        .as('lastSpokeAt'),
    ])
    .where('p.case_id', '=', row.id)
    .orderBy('p.created_at')
    .execute();
  const caseOpenedOn = londonDate(new Date(row.created_at));
  return people.map((p) => {
    const facts = {
      ...p,
      serviceIntervalDays,
      lastToldOn: p.lastToldOn as string | null,
      lastSpokeOn: p.lastSpokeAt ? londonDate(new Date(p.lastSpokeAt as unknown as string)) : null,
      caseOpenedOn,
    };
    return {
      ...facts,
      keptInformed: keptInformed(facts),
      intervalDays: intervalDays(facts),
      dueOn: updateDueOn(facts),
    };
  });
}

export const viewUpdates =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'updates' }, async (tx, row) => {
      const serviceIntervalDays = await serviceUpdateInterval(tx, row.org_id);
      const updates = await caseList(tx, 'case_updates', caseId, 'recordedBy')
        .innerJoin('case_participants as p', 'p.id', 'case_updates.participant_id')
        .select([
          'case_updates.id',
          'case_updates.told_on as toldOn',
          'case_updates.method',
          'case_updates.what_told as whatTold',
          'case_updates.safe_contact_reason as safeContactReason',
          'p.display_name as participantName',
        ])
        .orderBy('case_updates.told_on', 'desc')
        .orderBy('case_updates.created_at', 'desc')
        .execute();
      return {
        case: row,
        today: londonDate(clock.now()),
        serviceIntervalDays,
        people: await peopleOf(tx, row, serviceIntervalDays),
        updates,
      };
    });
