-- The case journey: everything a service does with a case once a referral is accepted.
-- Every table carries org_id and row-level security. A case's child rows are visible exactly
-- when the case is: service staff see their service's cases; a volunteer only the cases
-- allocated to them.

alter table cases
  add column previous_stage text,
  add column closure_outcome text check (closure_outcome in (
    'completed', 'victim_declined', 'offender_declined', 'not_suitable', 'could_not_contact',
    'withdrew_consent', 'moved_away', 'other'
  )),
  add column closure_note text,
  add column closed_on date,
  add column suspended_reason text,
  add column reopened_reason text,
  add column first_contact_on date,
  add column last_activity_at timestamptz not null default now(),
  add column updated_by uuid references users (id),
  add column transferred_from uuid references cases (id);
alter table cases add constraint cases_stage_check check (stage in (
  'new', 'contacting', 'assessing', 'preparing', 'intervention', 'follow_up', 'closed', 'suspended'
));
create index cases_org_activity on cases (org_id, last_activity_at) where stage <> 'closed';
create index cases_org_created on cases (org_id, created_at desc);
create index cases_referral on cases (referral_id);

-- A service may require a second sign-off of suitability decisions for anyone assessed as high
-- risk; a manager can also ask for one on any decision.
alter table service_settings add column second_sign_off_high_risk boolean not null default false;

-- A practitioner trained for sexual violence and domestic abuse cases can sign off their
-- suitability decisions.
alter table users add column trained_sv_da boolean not null default false;

create table case_allocations (
  case_id uuid not null references cases (id) on delete cascade,
  org_id uuid not null references organisations (id),
  user_id uuid not null references users (id),
  lead boolean not null default false,
  allocated_at timestamptz not null default now(),
  allocated_by uuid references users (id),
  primary key (case_id, user_id)
);
create unique index case_allocations_one_lead on case_allocations (case_id) where lead;
create index case_allocations_user on case_allocations (user_id, case_id);

-- Who may see a case: staff of its service, or a volunteer allocated to it. Written out in each
-- policy rather than in a function, so the planner sees plain expressions (a function call per
-- row made every case query several times slower).
drop policy cases_staff on cases;
create policy cases_select on cases for select to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a where a.case_id = cases.id and a.user_id = app_user_id()
  ))));
create policy cases_insert on cases for insert to waymark_app
  with check (org_id = app_org_id() and app_is_service_staff());
create policy cases_update on cases for update to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a where a.case_id = cases.id and a.user_id = app_user_id()
  ))))
  with check (org_id = app_org_id());

alter table case_allocations enable row level security;
-- Allocation rows are read to decide what a volunteer sees, so they are readable within the
-- service; only staff change them.
create policy case_allocations_select on case_allocations for select to waymark_app
  using (org_id = app_org_id());
create policy case_allocations_write on case_allocations to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

create table case_participants (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  person_id uuid references persons (id),
  -- An organisation can be the harmed party (a shop, a school).
  organisation_name text,
  display_name text not null,
  role text not null check (role in ('harmed', 'harmer', 'supporter', 'community_member', 'connected')),
  connection text check (connection in ('partner', 'child', 'parent', 'other')),
  interpreter_language text,
  accessibility_needs text,
  safe_phone text,
  may_leave_message boolean,
  preferred_contact text,
  preferred_times text,
  do_not_contact_via text,
  unsafe_to_contact boolean not null default false,
  consent_status text not null default 'not_asked'
    check (consent_status in ('not_asked', 'given', 'withdrawn')),
  created_at timestamptz not null default now()
);
create index case_participants_case on case_participants (case_id);
create index case_participants_person on case_participants (person_id);

create table case_offers (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  offered_on date not null,
  method text not null,
  answer text not null check (answer in ('yes', 'no', 'not_now')),
  reoffer_on date,
  notes text,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_offers_case on case_offers (case_id, offered_on);
create index case_offers_reoffer on case_offers (org_id, reoffer_on) where answer = 'not_now';
create index case_offers_participant on case_offers (participant_id, created_at);

create table case_consents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  given_on date not null,
  how text not null check (how in ('written', 'verbal_witnessed')),
  witness text,
  explained text[] not null default '{}',
  notes text,
  withdrawn_on date,
  withdrawal_note text,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_consents_case on case_consents (case_id);

create table case_contacts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid references case_participants (id) on delete cascade,
  contacted_at timestamptz not null,
  method text not null check (method in ('phone', 'text', 'email', 'letter', 'in_person', 'video', 'prison_visit')),
  outcome text not null check (outcome in ('spoke', 'left_message', 'no_answer', 'wrong_number', 'declined_to_talk', 'letter_sent', 'other')),
  notes text,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_contacts_case on case_contacts (case_id, contacted_at desc);

-- Question sets are data each service can extend; versions keep old answers readable.
create table assessment_question_sets (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references organisations (id),
  kind text not null check (kind in ('needs', 'risk', 'suitability')),
  version int not null,
  questions jsonb not null,
  created_at timestamptz not null default now(),
  unique (org_id, kind, version)
);

create table case_assessments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  kind text not null check (kind in ('needs', 'risk', 'suitability')),
  question_set_id uuid references assessment_question_sets (id),
  answers jsonb not null default '{}'::jsonb,
  summary text,
  risk_level text check (risk_level in ('low', 'medium', 'high')),
  decision text check (decision in ('suitable', 'not_suitable')),
  needs_second_sign_off boolean not null default false,
  signed_off_by uuid references users (id),
  signed_off_at timestamptz,
  second_signed_off_by uuid references users (id),
  second_signed_off_at timestamptz,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_assessments_case on case_assessments (case_id, participant_id, kind, created_at desc);

create table case_interventions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  kind text not null check (kind in (
    'conference', 'mediation', 'shuttle', 'letter_of_apology', 'circle', 'community_resolution',
    'neighbourhood_mediation', 'video_meeting'
  )),
  status text not null default 'planned' check (status in ('planned', 'held', 'cancelled', 'postponed')),
  scheduled_at timestamptz,
  venue_kind text check (venue_kind in ('community', 'prison_visit', 'rotl', 'online', 'home', 'other')),
  venue_detail text,
  rotl_status text check (rotl_status in ('requested', 'approved', 'refused')),
  held_on date,
  notes text,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_interventions_case on case_interventions (case_id);

create table case_intervention_attendees (
  intervention_id uuid not null references case_interventions (id) on delete cascade,
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  primary key (intervention_id, participant_id)
);

-- Shuttle (indirect) communication: each message carried, each way.
create table case_shuttle_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  intervention_id uuid not null references case_interventions (id) on delete cascade,
  from_participant_id uuid not null references case_participants (id),
  to_participant_id uuid not null references case_participants (id),
  carried_on date not null,
  summary text not null,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);

-- A letter of apology reaches the harmed person only after they were contacted and chose to
-- receive it (the inspectorates' recommendation); the table refuses anything else.
create table case_letters (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  intervention_id uuid not null references case_interventions (id) on delete cascade,
  writer_participant_id uuid not null references case_participants (id),
  recipient_participant_id uuid not null references case_participants (id),
  received_on date not null,
  recipient_contacted_on date,
  recipient_decision text check (recipient_decision in ('receive', 'decline', 'not_yet')),
  delivered_on date,
  notes text,
  created_at timestamptz not null default now(),
  constraint case_letters_released_only_when_chosen check (
    delivered_on is null or (recipient_decision = 'receive' and recipient_contacted_on is not null)
  )
);

create table case_agreement_items (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  kind text not null check (kind in ('apology', 'reparation', 'restitution', 'community_work', 'other')),
  description text not null,
  owed_by_participant_id uuid references case_participants (id),
  owed_to_participant_id uuid references case_participants (id),
  due_on date,
  amount_pence int check (amount_pence is null or amount_pence > 0),
  completed_on date,
  created_at timestamptz not null default now()
);
create index case_agreement_items_due on case_agreement_items (org_id, due_on) where completed_on is null;

create table case_agreement_payments (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  item_id uuid not null references case_agreement_items (id) on delete cascade,
  paid_on date not null,
  amount_pence int not null check (amount_pence > 0),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);

create table case_follow_ups (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid references case_participants (id) on delete cascade,
  due_on date not null,
  done_on date,
  notes text,
  created_at timestamptz not null default now()
);
create index case_follow_ups_due on case_follow_ups (org_id, due_on) where done_on is null;

create table case_time_entries (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  user_id uuid not null references users (id),
  worked_on date not null,
  kind text not null check (kind in ('preparation', 'travel', 'meeting', 'admin', 'supervision')),
  minutes int not null check (minutes between 1 and 1440),
  miles numeric(7, 1) not null default 0 check (miles >= 0 and miles <= 2000),
  notes text,
  created_at timestamptz not null default now()
);
create index case_time_entries_case on case_time_entries (case_id);
create index case_time_entries_user on case_time_entries (org_id, user_id, worked_on);

create table case_documents (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  file_name text not null,
  content_type text not null,
  size_bytes int not null,
  storage_key text not null unique,
  sha256 text not null,
  origin text not null default 'upload' check (origin in ('upload', 'generated', 'transfer')),
  uploaded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_documents_case on case_documents (case_id);

create table case_notes (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  body text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_notes_case on case_notes (case_id, created_at desc);

-- Everything that happened to a case, for its timeline.
create table case_events (
  id bigint generated always as identity primary key,
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  occurred_at timestamptz not null default now(),
  kind text not null,
  params jsonb not null default '{}'::jsonb,
  actor_id uuid references users (id)
);
create index case_events_case on case_events (case_id, occurred_at desc, id desc);

-- A case (or a request for help with one) passed to another service. Both services see it;
-- only what it names moves across when the receiving service accepts.
create table case_transfers (
  id uuid primary key default gen_random_uuid(),
  case_id uuid not null references cases (id),
  from_org_id uuid not null references organisations (id),
  to_org_id uuid not null references organisations (id),
  kind text not null check (kind in ('transfer', 'help_request')),
  items text[] not null,
  message text,
  -- What moves across, copied when the transfer is asked for: the receiving service cannot read
  -- the sending service's case, only this.
  payload jsonb not null default '{}'::jsonb,
  status text not null default 'requested' check (status in ('requested', 'accepted', 'declined')),
  requested_by uuid references users (id),
  requested_at timestamptz not null default now(),
  decided_by uuid references users (id),
  decided_at timestamptz,
  received_case_id uuid references cases (id)
);
create index case_transfers_to on case_transfers (to_org_id, status);
create index case_transfers_case on case_transfers (case_id);

-- Row-level security: a child row is visible when its case is (its org_id is always its case's).
do $$
declare
  child text;
begin
  foreach child in array array[
    'case_participants', 'case_offers', 'case_consents', 'case_contacts', 'case_assessments',
    'case_interventions', 'case_intervention_attendees', 'case_shuttle_messages', 'case_letters',
    'case_agreement_items', 'case_agreement_payments', 'case_follow_ups', 'case_time_entries',
    'case_documents', 'case_notes', 'case_events'
  ] loop
    execute format('alter table %I enable row level security', child);
    execute format(
      'create policy %1$I on %2$I to waymark_app using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = ''volunteer'' and exists (select 1 from case_allocations a where a.case_id = %2$I.case_id and a.user_id = app_user_id())))) with check (org_id = app_org_id() and (app_is_service_staff() or (app_role() = ''volunteer'' and exists (select 1 from case_allocations a where a.case_id = %2$I.case_id and a.user_id = app_user_id()))))',
      child || '_by_case', child
    );
    execute format('grant select, insert, update, delete on %I to waymark_app', child);
  end loop;
end
$$;

alter table assessment_question_sets enable row level security;
-- The shipped sets (no org) are read by everyone; a service reads and writes its own.
create policy question_sets_read on assessment_question_sets for select to waymark_app
  using (org_id is null or org_id = app_org_id());
create policy question_sets_write on assessment_question_sets for insert to waymark_app
  with check (org_id = app_org_id() and app_role() = 'service_manager');

alter table case_transfers enable row level security;
create policy case_transfers_select on case_transfers for select to waymark_app
  using ((from_org_id = app_org_id() or to_org_id = app_org_id()) and app_is_service_staff());
create policy case_transfers_insert on case_transfers for insert to waymark_app
  with check (from_org_id = app_org_id() and app_is_service_staff());
create policy case_transfers_update on case_transfers for update to waymark_app
  using (to_org_id = app_org_id() and app_is_service_staff())
  with check (to_org_id = app_org_id());

grant select, insert, update, delete on case_allocations to waymark_app;
grant select, insert on assessment_question_sets to waymark_app;
grant select, insert, update on case_transfers to waymark_app;
