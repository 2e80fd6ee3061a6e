// Demo cases: the cases opened from accepted demo referrals are taken through every stage of
// the journey, with contacts, offers, consent, assessments, interventions of every kind,
// outcome agreements, follow-ups and practitioner time. Written in bulk (a few statements per
// table, as the service's own practitioner, so row-level security applies) because going
// through the services one change at a time would make `npm start -- --demo` slow.
import { randomUUID } from 'node:crypto';
import { sql, type Insertable, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { addDays } from '../../domain/calendar-dates.js';
import type { CaseStage, ClosureOutcome } from '../../domain/case-lifecycle.js';
import type { UserActor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { seededRandom, type Random } from './random.js';

type Row<T extends keyof DB> = Insertable<DB[T]>;

interface Staff {
  practitioner: UserActor;
  manager: UserActor;
  volunteer: UserActor;
}

const STAGE_PLAN: [CaseStage, number][] = [
  ['new', 0.07],
  ['contacting', 0.15],
  ['assessing', 0.14],
  ['preparing', 0.12],
  ['intervention', 0.1],
  ['follow_up', 0.1],
  ['suspended', 0.05],
  ['closed', 0.27],
];
const ORDER: CaseStage[] = [
  'new',
  'contacting',
  'assessing',
  'preparing',
  'intervention',
  'follow_up',
];
const KINDS = [
  'conference',
  'mediation',
  'shuttle',
  'letter_of_apology',
  'circle',
  'community_resolution',
  'neighbourhood_mediation',
  'video_meeting',
] as const;
const ATTRITION: ClosureOutcome[] = [
  'victim_declined',
  'offender_declined',
  'not_suitable',
  'could_not_contact',
  'withdrew_consent',
  'moved_away',
];

function stageFor(random: Random): CaseStage {
  let roll = random.next();
  for (const [stage, share] of STAGE_PLAN) {
    if ((roll -= share) < 0) return stage;
  }
  return 'closed';
}

/** How far along the journey the case got, for what it should hold. */
const reached = (stage: CaseStage, of: CaseStage) => ORDER.indexOf(stage) >= ORDER.indexOf(of);

class Batch {
  rows: { [T in keyof DB]?: Row<T>[] } = {};
  add<T extends keyof DB>(table: T, row: Row<T>) {
    ((this.rows[table] ??= []) as Row<T>[]).push(row);
  }
  async write(tx: Tx) {
    for (const [table, rows] of Object.entries(this.rows) as [keyof DB, Row<keyof DB>[]][]) {
      for (let start = 0; start < rows.length; start += 400) {
        await tx
          .insertInto(table)
          .values(rows.slice(start, start + 400) as never)
          .execute();
      }
    }
  }
}

export async function loadDemoCases(db: Kysely<DB>, staff: Staff, today: string): Promise<number> {
  const random = seededRandom(4_242);
  const actor = staff.practitioner;
  return withActor(db, actor, async (tx) => {
    const already = await tx
      .selectFrom('case_allocations')
      .select('case_id')
      .limit(1)
      .executeTakeFirst();
    if (already) return 0;
    const cases = await tx
      .selectFrom('cases')
      .innerJoin('referrals', 'referrals.id', 'cases.referral_id')
      .select(['cases.id', 'cases.org_id', 'cases.sv_da', 'referrals.received_on'])
      .orderBy('referrals.received_on')
      .execute();
    const participants = await tx
      .selectFrom('case_participants')
      .select(['id', 'case_id', 'role', 'display_name'])
      .execute();
    const batch = new Batch();
    const updates: { id: string; stage: CaseStage; changes: Record<string, unknown> }[] = [];
    for (const row of cases) {
      const harmed = participants.find((p) => p.case_id === row.id && p.role === 'harmed');
      const harmer = participants.find((p) => p.case_id === row.id && p.role === 'harmer');
      if (!harmed || !harmer) continue;
      const stage = stageFor(random);
      updates.push({
        id: row.id,
        stage,
        changes: demoCase(batch, random, { row, harmed, harmer, stage, staff, today }),
      });
    }
    for (const { id, stage, changes } of updates) {
      await tx
        .updateTable('cases')
        .set({ stage, ...changes })
        .where('id', '=', id)
        .execute();
    }
    await batch.write(tx);
    await sql`update case_events set occurred_at = c.created_at from cases c
      where case_events.case_id = c.id and case_events.kind = 'opened'`.execute(tx);
    // The referrers' view follows the cases: in progress, or closed with the outcome.
    await sql`update referrals set progress = case when c.stage = 'closed' then 'closed' when c.stage <> 'new' then 'in_progress' else referrals.progress end,
        closure_code = case when c.stage = 'closed' then c.closure_outcome else null end
      from cases c where c.referral_id = referrals.id`.execute(tx);
    await recordAudit(tx, actor, {
      action: 'demo.cases_loaded',
      details: { cases: updates.length },
    });
    return updates.length;
  });
}

interface DemoCase {
  row: { id: string; org_id: string; sv_da: boolean; received_on: string };
  harmed: { id: string; display_name: string };
  harmer: { id: string; display_name: string };
  stage: CaseStage;
  staff: Staff;
  today: string;
}

/** One case's records, consistent with its stage; returns the case's own changes. */
function demoCase(batch: Batch, random: Random, c: DemoCase): Record<string, unknown> {
  const { row, harmed, harmer, staff } = c;
  const closedOutcome: ClosureOutcome | null =
    c.stage === 'closed' ? (random.chance(0.55) ? 'completed' : random.pick(ATTRITION)) : null;
  // Where the work got to before closing or suspending.
  const progress: CaseStage =
    c.stage === 'closed'
      ? closedOutcome === 'completed'
        ? 'follow_up'
        : random.pick(['contacting', 'assessing', 'preparing'] as const)
      : c.stage === 'suspended'
        ? random.pick(['contacting', 'assessing'] as const)
        : c.stage;
  const base = { org_id: row.org_id, case_id: row.id };
  let day = addDays(row.received_on, random.int(1, 4));
  const next = (min: number, max: number) =>
    (day = addDays(day, random.int(min, max)) > c.today ? c.today : addDays(day, 0));
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
          outcome: random.pick(['no_answer', 'left_message']),
          recorded_by: lead.userId,
        });
      const spoke = next(0, 4);
      batch.add('case_contacts', {
        ...base,
        participant_id: person.id,
        contacted_at: at(spoke),
        method: random.pick(['phone', 'in_person', 'prison_visit']),
        outcome: 'spoke',
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
        explained: [
          'process',
          'voluntary',
          'withdraw_any_time',
          'risks_and_benefits',
          'confidentiality',
          'outcome_agreement',
          'support_available',
        ],
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
          carried_on: addDays(heldOn, 3),
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
        received_on: heldOn,
        recipient_contacted_on: held ? addDays(heldOn, 2) : null,
        recipient_decision: held ? 'receive' : null,
        delivered_on: held ? addDays(heldOn, 4) : null,
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
        completed_on: random.chance(0.7) ? addDays(heldOn, 10) : null,
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
        done_on: c.stage === 'closed' ? addDays(heldOn, 30) : null,
      });
      event(
        'stage.begin_follow_up',
        { from: 'intervention', to: 'follow_up' },
        addDays(heldOn, 1),
        lead,
      );
    }
  }
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
      day,
      lead,
    );
  }
  changes.last_activity_at = new Date(`${day}T16:00:00Z`);
  changes.created_at = new Date(`${addDays(row.received_on, 1)}T09:30:00Z`);
  return changes;
}

/** Consent status follows the consent records written above. */
export async function markDemoConsent(db: Kysely<DB>, actor: UserActor): Promise<void> {
  await withActor(db, actor, (tx) =>
    tx
      .updateTable('case_participants')
      .set({ consent_status: 'given' })
      .where((eb) =>
        eb.exists(
          eb
            .selectFrom('case_consents')
            .select('id')
            .whereRef('case_consents.participant_id', '=', 'case_participants.id'),
        ),
      )
      .execute(),
  );
}
