// The data of a large service for the case-pages benchmark: its staff and CASES cases, written
// with set-based SQL as the database owner (a few statements per table), shaped the way the
// product writes them: a referral with its two parties and persons, the harmed person and the
// person who harmed as participants, allocations, contacts, offers, consents, assessments,
// interventions, agreement items, follow-ups, time, notes, reoffending checks and a timeline,
// consistent with each case's stage.
import type { Database, OwnerSession } from '../src/db/connect.js';
import { CLOSURE_OUTCOMES } from '../src/domain/case-lifecycle.js';
import type { UserActor } from '../src/domain/roles.js';
import type { Services } from '../src/services.js';
import { addOrganisation, BENCH_OPERATOR, BENCH_SERVICE, seconds } from './support.js';

export const CASES = Number(process.env.BENCH_CASES ?? 100_000);
/** Practitioners besides the one who signs in: the rest of a service of this size. */
export const COLLEAGUES = 12;
/** How many different cases the case page and timeline requests go round. */
export const CASE_ROTATION = 1_000;
/** Audit events the loader writes a statement (below). */
const AUDIT_EVENTS_A_STATEMENT = 2_000;
/** The attrition reasons a closed case is given when it was not completed (not "other"). */
const ATTRITION = CLOSURE_OUTCOMES.filter((o) => o !== 'completed' && o !== 'other');
export const PASSWORD = 'bench horse battery staple';

export interface Staff {
  orgId: string;
  policeOrgId: string;
  practitioner: UserActor & { email: string };
  manager: UserActor & { email: string };
  colleagues: string[];
}

async function makeService(services: Services): Promise<Staff> {
  const org = await addOrganisation(services, BENCH_SERVICE);
  const police = await addOrganisation(services, {
    name: 'Benchmark police',
    kind: 'police',
    slug: 'bench-police',
  });
  // The operator gives the service its first administrator, who adds its staff (ADR 0014).
  const administrator = await services.users.add(BENCH_OPERATOR, {
    org: org.slug,
    email: 'admin@bench.example.org',
    name: 'Ada Administrator',
    role: 'org_admin',
    password: PASSWORD,
  });
  const addedBy: UserActor = {
    kind: 'user',
    userId: administrator.id,
    orgId: org.id,
    role: 'org_admin',
    name: 'Ada Administrator',
  };
  const user = async (
    role: 'practitioner' | 'service_manager',
    name: string,
    email: string,
    password?: string,
  ): Promise<UserActor & { email: string }> => {
    const { id } = await services.users.add(addedBy, {
      org: org.slug,
      email,
      name,
      role,
      ...(password ? { password } : {}),
    });
    return { kind: 'user', userId: id, orgId: org.id, role, name, email };
  };
  const practitioner = await user(
    'practitioner',
    'Pat Practitioner',
    'practitioner@bench.example.org',
    PASSWORD,
  );
  const manager = await user(
    'service_manager',
    'Morgan Manager',
    'manager@bench.example.org',
    PASSWORD,
  );
  const colleagues: string[] = [];
  for (let n = 1; n <= COLLEAGUES; n++) {
    const colleague = await user(
      'practitioner',
      `Colleague ${String(n).padStart(2, '0')}`,
      `colleague.${n}@bench.example.org`,
    );
    colleagues.push(colleague.userId);
  }
  return { orgId: org.id, policeOrgId: police.id, practitioner, manager, colleagues };
}

export const FORENAMES = [
  'Amira',
  'Ben',
  'Carys',
  'Dev',
  'Ellie',
  'Femi',
  'Grace',
  'Harri',
  'Isla',
  'Jack',
  'Kiran',
  'Lena',
  'Mo',
  'Nia',
  'Owen',
  'Priya',
  'Quinn',
  'Rhys',
  'Sana',
  'Tom',
  'Uma',
  'Vik',
  'Wren',
  'Yusuf',
  'Zara',
  'Alfie',
  'Bethan',
  'Callum',
  'Dilys',
  'Ethan',
  'Ffion',
  'Gethin',
  'Hana',
  'Ioan',
  'Jade',
  'Kofi',
  'Lowri',
  'Mason',
  'Nell',
  'Osian',
  'Poppy',
];
export const SURNAMES = [
  'Ahmed',
  'Baker',
  'Clarke',
  'Davies',
  'Evans',
  'Foster',
  'Green',
  'Hughes',
  'Iqbal',
  'Jones',
  'Khan',
  'Lewis',
  'Morgan',
  'Nowak',
  'Owens',
  'Price',
  'Quinn',
  'Roberts',
  'Singh',
  'Thomas',
  'Usman',
  'Vaughan',
  'Williams',
  'Young',
  'Zielinski',
  'Ashworth',
  'Bowen',
  'Cole',
  'Doyle',
  'Ellis',
  'Fisher',
  'Griffiths',
  'Hall',
  'Ince',
  'Jenkins',
  'Kelly',
  'Lloyd',
  'Mills',
  'Nash',
  'Oakley',
  'Parry',
  'Rees',
  'Shaw',
  'Turner',
  'Walsh',
];

const literal = (value: string) => `'${value.replaceAll("'", "''")}'`;
const textArray = (values: readonly string[]) => `array[${values.map(literal).join(', ')}]`;
const uuidArray = (values: readonly string[]) => `${textArray(values)}::uuid[]`;

/**
 * Writes `cases` cases into the service, a few set-based statements per table, as the database
 * owner. A temporary plan table decides each case once (its stage, dates, people, allocation);
 * every other statement reads it. Returns the rows written, per table.
 */
async function loadCases(
  owner: OwnerSession,
  staff: Staff,
  log: (line: string) => void,
  cases: number,
): Promise<Record<string, number>> {
  const org = `${literal(staff.orgId)}::uuid`;
  const practitioner = literal(staff.practitioner.userId);
  const manager = literal(staff.manager.userId);
  const colleagues = uuidArray(staff.colleagues);
  const harmedName = `(${textArray(FORENAMES)})[1 + i % ${FORENAMES.length}] || ' ' || (${textArray(SURNAMES)})[1 + (i * 7) % ${SURNAMES.length}]`;
  const harmerName = `(${textArray(FORENAMES)})[1 + (i * 3 + 5) % ${FORENAMES.length}] || ' ' || (${textArray(SURNAMES)})[1 + (i * 11 + 3) % ${SURNAMES.length}]`;

  // The stage mix of a service that has been running for some years: most of its cases closed,
  // 22% open over the journey (a large backlog: in a steady state, the open cases are the
  // referrals of the last few months). `progress` is how far the work got (0 new … 5 follow-up),
  // also for a closed or suspended case.
  const plan = `
    create temp table bench_plan as
    with drawn as (
      select i, random() as r1, random() as r2, random() as r3, random() as r4, random() as r5
      from generate_series(1, ${cases}) as i
    ),
    staged as (
      select *,
        case
          when r1 < 0.78 then 'closed' when r1 < 0.79 then 'new' when r1 < 0.84 then 'contacting'
          when r1 < 0.88 then 'assessing' when r1 < 0.91 then 'preparing'
          when r1 < 0.93 then 'intervention' when r1 < 0.98 then 'follow_up' else 'suspended'
        end as stage
      from drawn
    ),
    progressed as (
      select *,
        case stage
          when 'new' then 0 when 'contacting' then 1 when 'assessing' then 2
          when 'preparing' then 3 when 'intervention' then 4 when 'follow_up' then 5
          when 'suspended' then 1 + floor(r3 * 2)::int
          else case when r2 < 0.55 then 5 else 1 + floor(r3 * 3)::int end
        end as progress,
        current_date - (case stage
          when 'closed' then 90 + floor(r4 * 2000)
          when 'new' then floor(r4 * 14)
          when 'suspended' then 30 + floor(r4 * 300)
          when 'contacting' then 5 + floor(r4 * 120)
          else 40 + floor(r4 * 250)
        end)::int as received_on,
        case
          when stage = 'new' and r5 < 0.8 then null
          when i % 11 = 0 then ${practitioner}::uuid
          when i % 11 = 5 then ${manager}::uuid
          else (${colleagues})[1 + (i / 11) % ${staff.colleagues.length}]
        end as lead
      from staged
    ),
    dated as (
      select *,
        ((received_on + 1) + time '09:30')::timestamptz as created_at,
        case
          when progress = 0 or (stage = 'contacting' and r3 < 0.15) then null
          else received_on + 1 + i % 5
        end as first_contact_on,
        case when progress >= 5 then received_on + 30 + i % 20 end as held_on
      from progressed
    ),
    finished as (
      select *,
        case when stage = 'closed' then least(
          greatest(received_on + 30 + floor(r3 * 150)::int, coalesce(held_on + 35, received_on)),
          current_date - 1
        ) end as closed_on
      from dated
    )
    select i, r1, r2, r3, r4, r5, stage, progress, received_on, created_at, first_contact_on,
      held_on, closed_on, lead,
      case
        when lead is null then null
        when i % 97 = 0 and lead <> ${practitioner}::uuid then ${practitioner}::uuid
        when i % 7 = 0 then nullif((${colleagues})[1 + (i / 7) % ${staff.colleagues.length}], lead)
      end as coworker,
      case when stage = 'closed' then case when r2 < 0.55 then 'completed' else (${textArray(ATTRITION)})[1 + floor(r4 * ${ATTRITION.length})::int] end end as outcome,
      case
        when stage = 'closed' then (closed_on + time '16:00')::timestamptz
        else greatest(
          created_at + interval '1 hour',
          case when (i * 37) % 100 < 15
            then now() - (31 + i % 200) * interval '1 day'
            else now() - (i % 29) * interval '1 day' - (i % 8) * interval '1 hour'
          end)
      end as last_activity_at,
      -- Victims' Code duties not yet done: for new cases, and a few open ones.
      progress > 0 and not (stage <> 'closed' and i % 31 = 0) as rj_information_given,
      progress > 0 and not (stage <> 'closed' and (i % 31 = 0 or i % 37 = 0)) as support_referral_made,
      i % 12 = 3 as sv_da,
      'RF-' || substr(lpad(i::text, 8, '0'), 1, 4) || '-' || substr(lpad(i::text, 8, '0'), 5, 4) as referral_reference,
      'CS-' || substr(lpad(i::text, 8, '0'), 1, 4) || '-' || substr(lpad(i::text, 8, '0'), 5, 4) as reference,
      ${harmedName} as harmed_name,
      ${harmerName} as harmer_name,
      gen_random_uuid() as case_id, gen_random_uuid() as referral_id,
      gen_random_uuid() as harmed_person, gen_random_uuid() as harmer_person,
      gen_random_uuid() as harmed_id, gen_random_uuid() as harmer_id
    from finished`;

  const stageNames = `(${textArray(['new', 'contacting', 'assessing', 'preparing', 'intervention', 'follow_up'])})`;
  const statements: [string, string][] = [
    ['plan', 'select setseed(0.4242)'],
    ['plan', plan],
    ['plan', 'analyze bench_plan'],
    [
      'persons',
      `insert into persons (id, org_id, forename, surname, date_of_birth, phone, postcode, created_at)
      select harmed_person, ${org}, split_part(harmed_name, ' ', 1), split_part(harmed_name, ' ', 2),
        date '1950-01-01' + (i * 37) % 20000, '07700 9' || lpad((i % 100000)::text, 5, '0'),
        'BS' || (1 + i % 40) || ' ' || (i % 9) || 'AB', created_at
      from bench_plan
      union all
      select harmer_person, ${org}, split_part(harmer_name, ' ', 1), split_part(harmer_name, ' ', 2),
        date '1970-01-01' + (i * 53) % 12000, null, 'BS' || (1 + i % 35) || ' ' || (i % 7) || 'QT',
        created_at
      from bench_plan`,
    ],
    [
      'referrals',
      `insert into referrals (id, org_id, reference, source_org_id, source_kind, initiated_by,
        received_on, reported_on, crime_reference, offence_group_id, offence_date, cjs_stage, sv_da,
        enhanced_rights, victim_consented, channel, submitted_by, duplicate_key, status, decided_at,
        decided_by, progress, closure_code, rj_information_given_on, support_referral_made_on,
        created_at, updated_at, version)
      select p.referral_id, ${org}, p.referral_reference,
        case when p.i % 10 < 7 then ${literal(staff.policeOrgId)}::uuid end,
        case when p.i % 10 < 7 then 'organisation' else 'self' end,
        (${textArray(['victim', 'offender', 'agency', 'agency'])})[1 + p.i % 4],
        p.received_on, p.received_on - 20, '54/' || lpad(p.i::text, 6, '0') || '/24',
        case when p.sv_da then 'sexual-offences'
          else g.ids[1 + p.i % array_length(g.ids, 1)] end,
        p.received_on - 30,
        (${textArray(['pre_charge', 'out_of_court', 'pre_sentence', 'community_sentence', 'custody', 'post_release'])})[1 + p.i % 6],
        p.sv_da, p.i % 9 = 0, true, case when p.i % 10 < 7 then 'web' else 'import' end,
        null, 'bench:' || p.i, 'accepted', p.created_at, coalesce(p.lead, ${manager}::uuid),
        case when p.stage = 'closed' then 'closed' when p.stage = 'new' then 'accepted' else 'in_progress' end,
        p.outcome,
        case when p.rj_information_given then p.received_on + 1 + p.i % 3 end,
        case when p.support_referral_made then p.received_on + 2 + p.i % 3 end,
        p.received_on, p.created_at, 2
      from bench_plan p
      cross join (select array_agg(id order by sort_order) as ids from offence_groups
        where id <> 'sexual-offences') g`,
    ],
    [
      'referral_parties',
      `insert into referral_parties (org_id, referral_id, role, forename, surname, phone, postcode,
        safe_phone, may_leave_message, preferred_contact, do_not_contact_via, person_id)
      select ${org}, referral_id, 'victim', split_part(harmed_name, ' ', 1),
        split_part(harmed_name, ' ', 2), '07700 9' || lpad((i % 100000)::text, 5, '0'),
        'BS' || (1 + i % 40) || ' ' || (i % 9) || 'AB', '01632 9' || lpad((i % 100000)::text, 5, '0'),
        i % 3 <> 0, 'phone', case when i % 5 = 0 then 'Home landline' end, harmed_person
      from bench_plan
      union all
      select ${org}, referral_id, 'offender', split_part(harmer_name, ' ', 1),
        split_part(harmer_name, ' ', 2), null, 'BS' || (1 + i % 35) || ' ' || (i % 7) || 'QT',
        null, null, null, null, harmer_person
      from bench_plan`,
    ],
    [
      'cases',
      `insert into cases (id, org_id, reference, referral_id, stage, sv_da,
        needs_specialist_assessment, created_at, updated_at, version, previous_stage,
        closure_outcome, closed_on, suspended_reason, first_contact_on, last_activity_at, updated_by,
        lead_user_id)
      select case_id, ${org}, reference, referral_id, stage, sv_da, sv_da, created_at,
        last_activity_at, 1 + progress * 3,
        case when stage in ('closed', 'suspended') then ${stageNames}[1 + progress] end,
        outcome, closed_on,
        case when stage = 'suspended' then 'Unsafe to contact the person harmed for now' end,
        first_contact_on, last_activity_at, coalesce(lead, ${manager}::uuid), lead
      from bench_plan`,
    ],
    [
      'case_participants',
      `insert into case_participants (id, org_id, case_id, person_id, display_name, role,
        safe_phone, may_leave_message, preferred_contact, do_not_contact_via, unsafe_to_contact,
        consent_status, interpreter_language, accessibility_needs, created_at)
      select harmed_id, ${org}, case_id, harmed_person, harmed_name, 'harmed',
        '01632 9' || lpad((i % 100000)::text, 5, '0'), i % 3 <> 0, 'phone',
        case when i % 5 = 0 then 'Home landline' end, stage = 'suspended',
        case when progress >= 2 then 'given' else 'not_asked' end,
        case when i % 40 = 0 then 'Polish' end,
        case when i % 25 = 0 then 'Step-free access' end, created_at
      from bench_plan
      union all
      select harmer_id, ${org}, case_id, harmer_person, harmer_name, 'harmer', null, null, null,
        null, false, case when progress >= 2 then 'given' else 'not_asked' end, null, null,
        created_at + interval '1 second'
      from bench_plan`,
    ],
    [
      'case_allocations',
      `insert into case_allocations (case_id, org_id, user_id, lead, allocated_at, allocated_by)
      select case_id, ${org}, lead, true, created_at + interval '1 hour', ${manager}::uuid
      from bench_plan where lead is not null
      union all
      select case_id, ${org}, coworker, false, created_at + interval '1 hour', ${manager}::uuid
      from bench_plan where coworker is not null`,
    ],
    [
      'case_events',
      `insert into case_events (org_id, case_id, occurred_at, kind, params, actor_id)
      select ${org}, p.case_id,
        case when e.kind in ('stage.close', 'stage.suspend') then p.last_activity_at
          else least(p.created_at + e.seq * (1 + p.i % 4) * interval '1 day',
            p.last_activity_at - (20 - e.seq) * interval '1 minute') end,
        e.kind, e.params, coalesce(p.lead, ${manager}::uuid)
      from bench_plan p
      left join users lu on lu.id = p.lead
      cross join lateral (values
        (0, 'opened', jsonb_build_object('referral', p.referral_reference), true),
        (1, 'allocated', jsonb_build_object('lead', lu.name, 'others', ''), p.lead is not null),
        (2, 'stage.start_contact', '{"from": "new", "to": "contacting"}'::jsonb, p.progress >= 1),
        (3, 'contact_recorded', jsonb_build_object('name', p.harmed_name, 'method', 'phone',
          'contactOutcome', 'spoke'), p.first_contact_on is not null),
        (4, 'contact_recorded', jsonb_build_object('name', p.harmer_name, 'method', 'phone',
          'contactOutcome', 'spoke'), p.first_contact_on is not null),
        (5, 'offer_recorded', jsonb_build_object('name', p.harmed_name, 'answer',
          case when p.progress >= 2 or p.r4 >= 0.35 then 'yes' when p.r4 < 0.25 then 'not_now'
            else 'no' end), p.first_contact_on is not null),
        (6, 'note_added', '{}'::jsonb, p.i % 3 = 0),
        (7, 'stage.begin_assessment', '{"from": "contacting", "to": "assessing"}'::jsonb,
          p.progress >= 2),
        (8, 'stage.begin_preparation', '{"from": "assessing", "to": "preparing"}'::jsonb,
          p.progress >= 3),
        (9, 'stage.begin_intervention', '{"from": "preparing", "to": "intervention"}'::jsonb,
          p.progress >= 4),
        (10, 'stage.begin_follow_up', '{"from": "intervention", "to": "follow_up"}'::jsonb,
          p.progress >= 5),
        (11, 'stage.suspend', jsonb_build_object('from', ${stageNames}[1 + p.progress],
          'to', 'suspended', 'reason', 'Unsafe to contact the person harmed for now'),
          p.stage = 'suspended'),
        (12, 'stage.close', jsonb_build_object('from', ${stageNames}[1 + p.progress],
          'to', 'closed', 'outcome', p.outcome), p.stage = 'closed')
      ) as e(seq, kind, params, applies)
      where e.applies`,
    ],
    [
      'case_notes',
      `insert into case_notes (org_id, case_id, body, created_by, created_at)
      select ${org}, case_id, 'Spoke to the harmed person''s support worker; they will call back.',
        coalesce(lead, ${manager}::uuid),
        least(created_at + 6 * (1 + i % 4) * interval '1 day', last_activity_at - interval '14 minutes')
      from bench_plan where i % 3 = 0`,
    ],
    [
      'case_contacts',
      `insert into case_contacts (org_id, case_id, participant_id, contacted_at, method, outcome,
        recorded_by, created_at)
      select ${org}, p.case_id, c.participant_id, c.at, c.method, c.outcome,
        coalesce(p.lead, ${manager}::uuid), c.at
      from bench_plan p
      cross join lateral (values
        (p.harmed_id, (coalesce(p.first_contact_on, p.received_on + 1) + time '10:00')::timestamptz,
          'phone', 'no_answer', p.r3 < 0.4 or p.first_contact_on is null),
        (p.harmed_id, (p.first_contact_on + time '11:30')::timestamptz, 'phone', 'spoke',
          p.first_contact_on is not null),
        (p.harmer_id, (p.first_contact_on + time '14:15')::timestamptz,
          case when p.i % 4 = 0 then 'prison_visit' else 'phone' end, 'spoke',
          p.first_contact_on is not null)
      ) as c(participant_id, at, method, outcome, applies)
      where p.progress >= 1 and c.applies`,
    ],
    [
      'case_offers',
      // Some harmed people said "not now" and are due to be asked again (the re-offer queue).
      `insert into case_offers (org_id, case_id, participant_id, offered_on, method, answer,
        reoffer_on, recorded_by, created_at)
      select ${org}, p.case_id, o.participant_id, p.first_contact_on + 1, 'phone', o.answer,
        case when o.answer = 'not_now' then p.first_contact_on + 91 end,
        coalesce(p.lead, ${manager}::uuid), (p.first_contact_on + 1 + o.at)::timestamptz
      from bench_plan p
      cross join lateral (values
        (p.harmed_id, case when p.progress >= 2 or p.r4 >= 0.35 then 'yes'
          when p.r4 < 0.25 then 'not_now' else 'no' end, time '12:00'),
        (p.harmer_id, 'yes', time '15:00')
      ) as o(participant_id, answer, at)
      where p.first_contact_on is not null`,
    ],
    [
      'case_consents',
      `insert into case_consents (org_id, case_id, participant_id, given_on, how, witness,
        explained, recorded_by)
      select ${org}, p.case_id, c.participant_id, p.first_contact_on + 7,
        case when p.i % 2 = 0 then 'written' else 'verbal_witnessed' end, 'Co-facilitator',
        ${textArray(['process', 'voluntary', 'withdraw_any_time', 'risks_and_benefits', 'confidentiality'])},
        coalesce(p.lead, ${manager}::uuid)
      from bench_plan p cross join lateral (values (p.harmed_id), (p.harmer_id)) as c(participant_id)
      where p.progress >= 2`,
    ],
    [
      'case_assessments',
      `insert into case_assessments (org_id, case_id, participant_id, kind, answers, summary,
        risk_level, decision, signed_off_by, signed_off_at, recorded_by, created_at)
      select ${org}, p.case_id, a.participant_id, a.kind, '{}'::jsonb, a.summary,
        case when a.kind = 'risk' then (${textArray(['low', 'low', 'medium', 'high'])})[1 + p.i % 4] end,
        case when a.kind = 'suitability' then 'suitable' end,
        case when a.kind = 'suitability' then
          case when p.sv_da then ${manager}::uuid else coalesce(p.lead, ${manager}::uuid) end end,
        case when a.kind = 'suitability' then (p.first_contact_on + 20)::timestamptz end,
        coalesce(p.lead, ${manager}::uuid), (p.first_contact_on + a.days)::timestamptz
      from bench_plan p
      cross join lateral (values
        (p.harmed_id, 'needs', 'Wants to understand why it happened.', 9, p.progress >= 2),
        (p.harmer_id, 'needs', 'Needs support with travel.', 9, p.progress >= 2),
        (p.harmed_id, 'risk', 'No current contact between the parties.', 10, p.progress >= 2),
        (p.harmer_id, 'risk', 'No orders in place.', 10, p.progress >= 2),
        (p.harmed_id, 'suitability', 'Suitable: taking part freely.', 20, p.progress >= 3),
        (p.harmer_id, 'suitability', 'Suitable: taking part freely.', 20, p.progress >= 3)
      ) as a(participant_id, kind, summary, days, applies)
      where a.applies`,
    ],
    [
      'case_interventions',
      `insert into case_interventions (org_id, case_id, kind, status, scheduled_at, venue_kind,
        held_on, created_by)
      select ${org}, case_id,
        (${textArray(['conference', 'mediation', 'shuttle', 'letter_of_apology', 'circle', 'community_resolution', 'neighbourhood_mediation', 'video_meeting'])})[1 + i % 8],
        case when progress >= 5 then 'held' else 'planned' end,
        (coalesce(held_on, current_date + 10 + i % 30) + time '13:00')::timestamptz,
        case when i % 8 = 7 then 'online' when i % 10 < 3 then 'prison_visit' else 'community' end,
        held_on, coalesce(lead, ${manager}::uuid)
      from bench_plan where progress >= 4`,
    ],
    [
      'case_intervention_attendees',
      `insert into case_intervention_attendees (intervention_id, org_id, case_id, participant_id)
      select v.id, ${org}, p.case_id, a.participant_id
      from bench_plan p
      join case_interventions v on v.case_id = p.case_id
      cross join lateral (values (p.harmed_id), (p.harmer_id)) as a(participant_id)`,
    ],
    [
      'case_agreement_items',
      // Some items are overdue (the agreements queue).
      `insert into case_agreement_items (org_id, case_id, kind, description,
        owed_by_participant_id, owed_to_participant_id, due_on, amount_pence, completed_on)
      select ${org}, p.case_id, a.kind, a.description, p.harmer_id, p.harmed_id, a.due_on,
        a.amount, case when p.stage = 'closed' or p.r3 < 0.8 then a.due_on - 4 end
      from bench_plan p
      cross join lateral (values
        ('apology', 'A written apology', p.held_on + 14, null::int, true),
        ('restitution', 'Repair costs for the damaged fence', p.held_on + 60,
          (5 + p.i % 35) * 1000, p.i % 2 = 0)
      ) as a(kind, description, due_on, amount, applies)
      where p.progress >= 5 and a.applies`,
    ],
    [
      'case_follow_ups',
      `insert into case_follow_ups (org_id, case_id, participant_id, due_on, done_on, created_at)
      select ${org}, case_id, harmed_id, held_on + 30,
        case when stage = 'closed' or r4 < 0.7 then held_on + 31 end, (held_on + 1)::timestamptz
      from bench_plan where progress >= 5`,
    ],
    [
      'case_time_entries',
      `insert into case_time_entries (org_id, case_id, user_id, worked_on, kind, minutes, miles)
      select ${org}, p.case_id, coalesce(p.lead, ${manager}::uuid),
        least(p.received_on + 1 + (n * 7 + p.i) % 60, current_date),
        (${textArray(['preparation', 'travel', 'meeting', 'admin', 'supervision'])})[1 + (p.i + n) % 5],
        (array[15, 30, 45, 60, 90, 120])[1 + (p.i * 3 + n) % 6],
        case when (p.i + n) % 5 = 1 then 2 + (p.i * n) % 58 else 0 end
      from bench_plan p cross join generate_series(1, 1 + p.i % 6) as n
      where p.lead is not null`,
    ],
    [
      'reoffending_checks',
      // A year after closure; most of those due have been made, some are waiting.
      `insert into reoffending_checks (org_id, case_id, participant_id, due_on, checked_on,
        further_offence, source, recorded_by)
      select ${org}, case_id, harmer_id, due_on,
        case when checked then due_on + 10 end,
        case when checked then (${textArray(['no', 'no', 'no', 'yes', 'unknown'])})[1 + i % 5] end,
        case when checked then 'police_national_computer' end,
        case when checked then coalesce(lead, ${manager}::uuid) end
      from (select *, (closed_on + interval '1 year')::date as due_on,
          (closed_on + interval '1 year')::date < current_date - 30 and r5 < 0.97 as checked
        from bench_plan where stage = 'closed') as c`,
    ],
  ];
  // The rows are consistent by construction, so the foreign-key triggers (one check per row and
  // key) are skipped while they are written, where the role may (a superuser); not otherwise.
  // So are the other triggers: what they keep in step (the lead, the queue dates and the
  // Victims' Code flag on cases, the open flag on allocations) is written afterwards, as
  // migrations 0009 to 0011 and 0042 do.
  const withoutTriggers = await owner
    .script('set session_replication_role = replica')
    .then(() => true)
    .catch(() => false);
  log(`  foreign-key checks ${withoutTriggers ? 'off while loading' : 'on (not a superuser)'}`);
  let previous = '';
  let started = performance.now();
  for (const [table, sql] of statements) {
    if (table !== previous) started = performance.now();
    await owner.query(sql).catch((error: Error) => {
      throw new Error(`Loading ${table} failed: ${error.message}`, { cause: error });
    });
    if (table !== 'plan') log(`  ${table}: ${seconds(performance.now() - started)}`);
    previous = table;
  }
  if (withoutTriggers) await owner.script('reset session_replication_role');
  started = performance.now();
  // Each case's creation, as the loader's own request (migration 0024 requires a request id and
  // an address), written with the triggers on so that the audit chain's trigger links each event.
  // A few thousand a statement, each its own transaction: the trigger moves the chain's head
  // row for every event, and within one transaction each move reads past every version before
  // it (100,000 in one statement took 415 s).
  for (let from = 1; from <= cases; from += AUDIT_EVENTS_A_STATEMENT) {
    await owner.query(`insert into audit_events (occurred_at, org_id, user_id, action,
        entity_type, entity_id, details, request_id, address)
      select created_at, ${org}, coalesce(lead, ${manager}::uuid), 'case.created', 'case',
        case_id::text, jsonb_build_object('referral', referral_id), 'bench-load', '127.0.0.1'
      from bench_plan where i >= ${from} and i < ${from + AUDIT_EVENTS_A_STATEMENT} order by i`);
  }
  log(`  audit_events: ${seconds(performance.now() - started)}`);
  started = performance.now();
  await owner.script(`
    select refresh_case_queue_dates(array_agg(id)) from cases where org_id = ${org};
    select refresh_case_update_due(array_agg(id)) from cases where org_id = ${org};
    update case_allocations a set case_open = false
    from cases c
    where c.id = a.case_id and c.stage = 'closed' and a.org_id = ${org};
    select refresh_case_victims_code(array_agg(id)) from cases where org_id = ${org};
  `);
  log(`  queue dates and Victims' Code duties on cases: ${seconds(performance.now() - started)}`);
  const tables = [
    ...new Set(statements.map(([table]) => table).filter((t) => t !== 'plan')),
    'audit_events',
  ];
  const counts: Record<string, number> = {};
  for (const table of tables) {
    const [row] = await owner.query<{ n: number }>(
      `select count(*) as n from ${table} where org_id = ${org}`,
    );
    counts[table] = Number(row!.n);
  }
  return counts;
}

/**
 * A service with its staff and `cases` cases (CASES unless said), loaded and analysed; the ids of the cases that went
 * furthest (the fullest timelines, notes and agreements) for the case page to go round.
 */
export async function loadService(
  database: Database,
  services: Services,
  log: (line: string) => void,
  cases = CASES,
) {
  const staff = await makeService(services);
  const loadStarted = performance.now();
  const { counts, caseIds } = await database.withOwner(async (owner) => {
    const counts = await loadCases(owner, staff, log, cases);
    const caseIds = (
      await owner.query<{ case_id: string }>(
        `select case_id from bench_plan where progress = 5 order by i limit ${CASE_ROTATION}`,
      )
    ).map((row) => row.case_id);
    await owner.script('drop table bench_plan');
    return { counts, caseIds };
  });
  const loadMs = performance.now() - loadStarted;
  const analyzeStarted = performance.now();
  await database.analyze();
  return { staff, counts, caseIds, loadMs, analyzeMs: performance.now() - analyzeStarted };
}
