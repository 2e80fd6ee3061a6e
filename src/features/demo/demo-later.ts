// The second half of a demo case's story: the intervention, the time spent, and how it ends.
import { randomUUID } from 'node:crypto';
import { addDays } from '../../domain/calendar-dates.js';
import type { CaseStage, ClosureOutcome } from '../../domain/case-lifecycle.js';
import type { UserActor } from '../../domain/roles.js';
import { type Random } from './random.js';
import { KINDS, reached, type Batch, type DemoCase } from './case-plan.js';

/** What the parts of one case's story share: where it is written, how far it got, its clock. */
export interface Story {
  batch: Batch;
  random: Random;
  c: DemoCase;
  base: { org_id: string; case_id: string };
  progress: CaseStage;
  closedOutcome: ClosureOutcome | null;
  lead: UserActor;
  changes: Record<string, unknown>;
  /** Moves the story's day on by between `min` and `max` days (never past today). */
  next: (min: number, max: number) => string;
  event: (kind: string, params: Record<string, unknown>, on: string, by?: UserActor) => void;
  day: () => string;
}

/** Where the story goes after preparation: the intervention, time spent, and how it ends. */
export function laterWork(story: Story): Record<string, unknown> {
  const { batch, random, c, base, progress, closedOutcome, lead, changes, next, event } = story;
  const { row, harmed, harmer } = c;
  // Nothing recorded as done is dated after today.
  const past = (on: string) => (on > c.today ? c.today : on);
  if (reached(progress, 'intervention')) {
    const kind = random.pick(KINDS);
    const interventionId = randomUUID();
    const held = reached(progress, 'follow_up');
    const heldOn = next(5, 20);
    batch.add('case_interventions', {
      id: interventionId,
      ...base,
      kind,
      status: held ? 'held' : 'planned',
      scheduled_at: new Date(`${heldOn}T13:00:00Z`),
      venue_kind:
        kind === 'video_meeting' ? 'online' : random.chance(0.3) ? 'prison_visit' : 'community',
      held_on: held ? heldOn : null,
      created_by: lead.userId,
    });
    for (const person of [harmed, harmer])
      batch.add('case_intervention_attendees', {
        ...base,
        intervention_id: interventionId,
        participant_id: person.id,
      });
    if (kind === 'shuttle') {
      batch.add('case_shuttle_messages', {
        ...base,
        intervention_id: interventionId,
        from_participant_id: harmed.id,
        to_participant_id: harmer.id,
        carried_on: heldOn,
        summary: 'How the burglary affected the family',
        recorded_by: lead.userId,
      });
      if (held)
        batch.add('case_shuttle_messages', {
          ...base,
          intervention_id: interventionId,
          from_participant_id: harmer.id,
          to_participant_id: harmed.id,
          carried_on: past(addDays(heldOn, 3)),
          summary: 'An explanation and an apology',
          recorded_by: lead.userId,
        });
    }
    if (kind === 'letter_of_apology') {
      batch.add('case_letters', {
        ...base,
        intervention_id: interventionId,
        writer_participant_id: harmer.id,
        recipient_participant_id: harmed.id,
        // Held on the day it was delivered, after the person harmed chose to receive it.
        received_on: addDays(heldOn, -4),
        recipient_contacted_on: held ? addDays(heldOn, -2) : null,
        recipient_decision: held ? 'receive' : null,
        delivered_on: held ? heldOn : null,
      });
    }
    event('stage.begin_intervention', { from: 'preparing', to: 'intervention' }, heldOn, lead);
    if (held) {
      batch.add('case_agreement_items', {
        ...base,
        kind: 'apology',
        description: 'A written apology',
        owed_by_participant_id: harmer.id,
        owed_to_participant_id: harmed.id,
        due_on: addDays(heldOn, 14),
        completed_on: random.chance(0.7) ? past(addDays(heldOn, 10)) : null,
      });
      if (random.chance(0.5)) {
        batch.add('case_agreement_items', {
          ...base,
          kind: 'restitution',
          description: 'Repair costs for the damaged fence',
          owed_by_participant_id: harmer.id,
          owed_to_participant_id: harmed.id,
          due_on: addDays(heldOn, random.int(20, 90)),
          amount_pence: random.int(5, 40) * 1000,
        });
      }
      batch.add('case_follow_ups', {
        ...base,
        participant_id: harmed.id,
        due_on: addDays(heldOn, random.int(14, 60)),
        done_on: c.stage === 'closed' ? past(addDays(heldOn, 30)) : null,
      });
      event(
        'stage.begin_follow_up',
        { from: 'intervention', to: 'follow_up' },
        past(addDays(heldOn, 1)),
        lead,
      );
    }
  }
  if (closedOutcome === 'victim_awareness_completed') victimAwarenessWork(story);
  for (let entry = random.int(1, 8); entry > 0; entry--) {
    batch.add('case_time_entries', {
      ...base,
      user_id: lead.userId,
      worked_on:
        addDays(row.received_on, random.int(1, 60)) > c.today
          ? c.today
          : addDays(row.received_on, random.int(1, 60)),
      kind: random.pick(['preparation', 'travel', 'meeting', 'admin', 'supervision']),
      minutes: random.pick([15, 30, 45, 60, 90, 120]),
      miles: random.chance(0.4) ? random.int(2, 60) : 0,
    });
  }
  const closedOn = next(3, 30);
  if (c.stage === 'closed') {
    Object.assign(changes, {
      previous_stage: progress,
      closure_outcome: closedOutcome,
      closed_on: closedOn,
    });
    event('stage.close', { from: progress, to: 'closed', outcome: closedOutcome }, closedOn, lead);
  }
  if (c.stage === 'suspended') {
    Object.assign(changes, {
      previous_stage: progress,
      suspended_reason: 'Unsafe to contact the person harmed for now',
    });
    event(
      'stage.suspend',
      { from: progress, to: 'suspended', reason: 'Unsafe to contact the person harmed for now' },
      story.day(),
      lead,
    );
  }
  changes.last_activity_at = new Date(`${story.day()}T16:00:00Z`);
  // Opened the day after the referral arrived, or first thing today for one that came in today.
  const openedOn = addDays(row.received_on, 1);
  changes.created_at =
    openedOn > c.today ? new Date(`${c.today}T00:30:00Z`) : new Date(`${openedOn}T09:30:00Z`);
  return changes;
}

/** Victim awareness work held with the person who harmed alone (never the person harmed). */
function victimAwarenessWork({ batch, c, base, lead, next, event }: Story) {
  const interventionId = randomUUID();
  const heldOn = next(5, 20);
  batch.add('case_interventions', {
    id: interventionId,
    ...base,
    kind: 'victim_awareness',
    status: 'held',
    scheduled_at: new Date(`${heldOn}T10:00:00Z`),
    venue_kind: 'community',
    held_on: heldOn,
    created_by: lead.userId,
  });
  batch.add('case_intervention_attendees', {
    ...base,
    intervention_id: interventionId,
    participant_id: c.harmer.id,
  });
  event('intervention.held', { kind: 'victim_awareness' }, heldOn, lead);
}
