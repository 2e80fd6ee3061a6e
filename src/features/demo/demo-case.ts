// One demo case's story, from allocation to closure, as the rows it leaves behind.
import { addDays } from '../../domain/calendar-dates.js';
import {
  EXPLAINED_ITEMS,
  type CaseStage,
  type ClosureOutcome,
} from '../../domain/case-lifecycle.js';
import type { UserActor } from '../../domain/roles.js';
import { type Random } from './random.js';
import { ATTRITION, reached, type Batch, type DemoCase } from './case-plan.js';
import { laterWork } from './demo-later.js';

/** One case's records, consistent with its stage; returns the case's own changes. */
export function demoCase(batch: Batch, random: Random, c: DemoCase): Record<string, unknown> {
  const { row, harmed, harmer, staff } = c;
  const closedOutcome: ClosureOutcome | null =
    c.stage === 'closed' ? (random.chance(0.55) ? 'completed' : random.pick(ATTRITION)) : null;
  // Where the work got to before closing or suspending. Victim awareness work is done once the
  // person who harmed has consented and been found suitable.
  const progress: CaseStage =
    c.stage === 'closed'
      ? closedOutcome === 'completed'
        ? 'follow_up'
        : closedOutcome === 'victim_awareness_completed'
          ? 'preparing'
          : random.pick(['contacting', 'assessing', 'preparing'] as const)
      : c.stage === 'suspended'
        ? random.pick(['contacting', 'assessing'] as const)
        : c.stage;
  const base = { org_id: row.org_id, case_id: row.id };
  // Nothing recorded as done is dated after today.
  const notAfterToday = (on: string) => (on > c.today ? c.today : on);
  let day = notAfterToday(addDays(row.received_on, random.int(1, 4)));
  // The story's day moves on (it had stayed put: a case was closed the day it was opened).
  const next = (min: number, max: number) =>
    (day = notAfterToday(addDays(day, random.int(min, max))));
  const event = (
    kind: string,
    params: Record<string, unknown>,
    on: string,
    by: UserActor = staff.practitioner,
  ) =>
    batch.add('case_events', {
      ...base,
      kind,
      params: JSON.stringify(params),
      occurred_at: new Date(`${on}T10:00:00Z`),
      actor_id: by.userId,
    });
  const at = (on: string) =>
    new Date(
      `${on}T${String(random.int(9, 16)).padStart(2, '0')}:${random.pick(['00', '15', '30', '45'])}:00Z`,
    );
  const lead = random.chance(0.3) ? staff.manager : staff.practitioner;
  const changes: Record<string, unknown> = {};

  if (progress !== 'new' || random.chance(0.5)) {
    batch.add('case_allocations', {
      ...base,
      user_id: lead.userId,
      lead: true,
      allocated_by: staff.manager.userId,
    });
    if (random.chance(0.35))
      batch.add('case_allocations', {
        ...base,
        user_id: staff.volunteer.userId,
        lead: false,
        allocated_by: staff.manager.userId,
      });
    event('allocated', { lead: lead.name, others: '' }, day, staff.manager);
  }
  if (reached(progress, 'contacting')) {
    event('stage.start_contact', { from: 'new', to: 'contacting' }, day, lead);
    for (const person of [harmed, harmer]) {
      if (random.chance(0.4))
        batch.add('case_contacts', {
          ...base,
          participant_id: person.id,
          contacted_at: at(next(0, 2)),
          method: 'phone',
          // The demo keeps to the safe-contact instructions too: a message only where the
          // person said one may be left.
          outcome:
            person.may_leave_message === true
              ? random.pick(['no_answer', 'left_message'])
              : 'no_answer',
          recorded_by: lead.userId,
        });
      const spoke = next(0, 4);
      batch.add('case_contacts', {
        ...base,
        participant_id: person.id,
        contacted_at: at(spoke),
        method: random.pick(['phone', 'in_person', 'prison_visit']),
        outcome: 'spoke',
        // RJ is explained in the conversation in which it is offered.
        rj_explained: true,
        recorded_by: lead.userId,
      });
      changes.first_contact_on ??= spoke;
      event(
        'contact_recorded',
        { name: person.display_name, method: 'phone', contactOutcome: 'spoke' },
        spoke,
        lead,
      );
      const answer = reached(progress, 'assessing')
        ? 'yes'
        : random.pick(['yes', 'not_now', 'not_now', 'no'] as const);
      const offeredOn = next(0, 2);
      batch.add('case_offers', {
        ...base,
        participant_id: person.id,
        offered_on: offeredOn,
        method: 'phone',
        answer,
        reoffer_on: answer === 'not_now' ? addDays(offeredOn, random.int(20, 120)) : null,
        recorded_by: lead.userId,
      });
      event('offer_recorded', { name: person.display_name, answer }, offeredOn, lead);
    }
  }
  if (reached(progress, 'assessing')) {
    event('stage.begin_assessment', { from: 'contacting', to: 'assessing' }, next(1, 5), lead);
    for (const person of [harmed, harmer]) {
      const consentOn = next(1, 6);
      batch.add('case_consents', {
        ...base,
        participant_id: person.id,
        given_on: consentOn,
        how: random.pick(['written', 'verbal_witnessed']),
        witness: 'Co-facilitator',
        explained: [...EXPLAINED_ITEMS],
        recorded_by: lead.userId,
      });
      batch.add('case_assessments', {
        ...base,
        participant_id: person.id,
        kind: 'needs',
        answers: '{}',
        summary: random.pick([
          'Wants to understand why it happened.',
          'Would like reassurance it will not happen again.',
          'Needs support with travel and childcare.',
        ]),
        recorded_by: lead.userId,
      });
      batch.add('case_assessments', {
        ...base,
        participant_id: person.id,
        kind: 'risk',
        answers: '{}',
        summary: 'No current contact between the parties; no orders in place.',
        risk_level: random.pick(['low', 'low', 'medium', 'high']),
        recorded_by: lead.userId,
      });
    }
  }
  if (reached(progress, 'preparing')) {
    for (const person of [harmed, harmer]) {
      // In sexual violence and domestic abuse cases the demo manager (trained) signs off.
      const signer = row.sv_da ? staff.manager : lead;
      batch.add('case_assessments', {
        ...base,
        participant_id: person.id,
        kind: 'suitability',
        answers: '{}',
        summary: 'Suitable: both understand the process and are taking part freely.',
        decision: 'suitable',
        signed_off_by: signer.userId,
        signed_off_at: new Date(`${next(1, 4)}T11:00:00Z`),
        recorded_by: lead.userId,
      });
    }
    event('stage.begin_preparation', { from: 'assessing', to: 'preparing' }, day, lead);
  }
  return laterWork({
    batch,
    random,
    c,
    base,
    progress,
    closedOutcome,
    lead,
    changes,
    next,
    event,
    day: () => day,
  });
}
