-- Measuring success: wellbeing "distance travelled" across the categories of need, the
-- cope-and-recover plan, satisfaction questionnaires (entered by staff or answered through a
-- one-time link), testimonials, reoffending checks, and awareness and training work.

-- Categories of need. The shipped default set has no organisation; a service's own categories
-- are copied from it the first time the service uses them, then edited, added to or retired.
-- A category keeps its id for life, so scores stay comparable when its label changes.
create table wellbeing_categories (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references organisations (id),
  key text not null,
  label text not null,
  sort_order int not null,
  shipped boolean not null default false,
  created_at timestamptz not null default now(),
  retired_at timestamptz
);
create unique index wellbeing_categories_key on wellbeing_categories (coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), key);

-- Every label a category has had, for reading old measures against the wording then.
create table wellbeing_category_labels (
  id uuid primary key default gen_random_uuid(),
  category_id uuid not null references wellbeing_categories (id) on delete cascade,
  org_id uuid references organisations (id),
  label text not null,
  changed_at timestamptz not null default now(),
  changed_by uuid references users (id)
);

create table wellbeing_measures (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  kind text not null check (kind in ('entry', 'exit', 'follow_up')),
  taken_on date not null,
  source text not null default 'practitioner' check (source in ('practitioner', 'api', 'import')),
  notes text,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index wellbeing_measures_case on wellbeing_measures (case_id, participant_id, taken_on);
create index wellbeing_measures_org on wellbeing_measures (org_id, taken_on);

-- Scores from 1 (not coping at all) to 5 (coping well).
create table wellbeing_scores (
  measure_id uuid not null references wellbeing_measures (id) on delete cascade,
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  category_id uuid not null references wellbeing_categories (id),
  score smallint not null check (score between 1 and 5),
  primary key (measure_id, category_id)
);

-- The cope-and-recover plan: goals per category, checked at the exit review.
create table coping_goals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  category_id uuid not null references wellbeing_categories (id),
  goal text not null,
  set_on date not null,
  review_outcome text check (review_outcome in ('met', 'partly_met', 'not_met')),
  review_note text,
  reviewed_on date,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index coping_goals_case on coping_goals (case_id, participant_id);

-- Satisfaction questionnaires: the shipped default (no organisation) and a service's versions.
create table questionnaires (
  id uuid primary key default gen_random_uuid(),
  org_id uuid references organisations (id),
  audience text not null check (audience in ('harmed', 'harmer')),
  version int not null,
  items jsonb not null,
  created_at timestamptz not null default now()
);
create unique index questionnaires_version on questionnaires (coalesce(org_id, '00000000-0000-0000-0000-000000000000'::uuid), audience, version);

create table questionnaire_responses (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  questionnaire_id uuid not null references questionnaires (id),
  answers jsonb not null,
  channel text not null check (channel in ('paper', 'call', 'online', 'api', 'import')),
  responded_on date not null,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index questionnaire_responses_org on questionnaire_responses (org_id, responded_on);
create index questionnaire_responses_case on questionnaire_responses (case_id);

-- Whether a participant agreed to be sent things (a questionnaire link) by email.
alter table case_participants
  add column online_contact_agreed boolean not null default false,
  add column contact_email text;

-- One-time links to answer a questionnaire without an account. Only the token's hash is kept.
create table questionnaire_links (
  token_hash text primary key,
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  questionnaire_id uuid not null references questionnaires (id),
  delivery text not null check (delivery in ('email', 'handed_over')),
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  expires_at timestamptz not null,
  used_at timestamptz
);
create index questionnaire_links_case on questionnaire_links (case_id);

create table testimonials (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  quote text not null,
  anonymised text,
  consent_scope text not null check (consent_scope in ('internal', 'commissioner', 'public')),
  consent_on date not null,
  approved_by uuid references users (id),
  approved_at timestamptz,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  constraint testimonials_approved_text check (approved_at is null or anonymised is not null)
);
create index testimonials_org on testimonials (org_id, approved_at);

create table reoffending_checks (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  due_on date not null,
  checked_on date,
  further_offence text check (further_offence in ('yes', 'no', 'unknown')),
  source text check (source in ('police_national_computer', 'police', 'probation', 'youth_offending', 'self_report', 'other')),
  notes text,
  recorded_by uuid references users (id),
  created_at timestamptz not null default now(),
  unique (case_id, participant_id)
);
create index reoffending_checks_due on reoffending_checks (org_id, due_on) where checked_on is null;

create table awareness_sessions (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  held_on date not null,
  kind text not null check (kind in ('training', 'awareness', 'briefing', 'event')),
  audience_org_id uuid references organisations (id),
  audience_kind text,
  audience_description text,
  attendees int not null check (attendees between 0 and 100000),
  topic text not null,
  hours numeric(5, 1) not null check (hours > 0 and hours <= 1000),
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index awareness_sessions_org on awareness_sessions (org_id, held_on);

-- A referral that came from awareness work, where known.
alter table referrals add column awareness_session_id uuid references awareness_sessions (id);

-- Row-level security. Case-linked tables follow the case; a one-time link's respondent (role
-- 'respondent', acting for the link's organisation) may only record their own answers.
do $$
declare
  child text;
begin
  foreach child in array array['wellbeing_measures', 'wellbeing_scores', 'coping_goals', 'testimonials', 'reoffending_checks'] loop
    execute format('alter table %I enable row level security', child);
    execute format(
      'create policy %1$I on %2$I to waymark_app using (org_id = app_org_id() and (app_is_service_staff() or app_role() = ''api'' or (app_role() = ''volunteer'' and exists (select 1 from case_allocations a where a.case_id = %2$I.case_id and a.user_id = app_user_id())))) with check (org_id = app_org_id() and (app_is_service_staff() or app_role() = ''api'' or (app_role() = ''volunteer'' and exists (select 1 from case_allocations a where a.case_id = %2$I.case_id and a.user_id = app_user_id()))))',
      child || '_by_case', child
    );
    execute format('grant select, insert, update, delete on %I to waymark_app', child);
  end loop;
end
$$;

alter table questionnaire_responses enable row level security;
create policy questionnaire_responses_staff on questionnaire_responses to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or app_role() = 'api' or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a where a.case_id = questionnaire_responses.case_id and a.user_id = app_user_id()))))
  with check (org_id = app_org_id() and (app_is_service_staff() or app_role() in ('api', 'respondent') or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a where a.case_id = questionnaire_responses.case_id and a.user_id = app_user_id()))));

alter table questionnaire_links enable row level security;
-- A link is found by the hash of its unguessable token; the row holds ids and times only.
create policy questionnaire_links_lookup on questionnaire_links for select to waymark_app using (true);
create policy questionnaire_links_create on questionnaire_links for insert to waymark_app
  with check (org_id = app_org_id() and app_is_service_staff());
create policy questionnaire_links_use on questionnaire_links for update to waymark_app
  using (org_id = app_org_id() and (app_role() = 'respondent' or app_is_service_staff()))
  with check (org_id = app_org_id());

alter table wellbeing_categories enable row level security;
create policy wellbeing_categories_read on wellbeing_categories for select to waymark_app
  using (org_id is null or org_id = app_org_id());
create policy wellbeing_categories_write on wellbeing_categories for insert to waymark_app
  with check (org_id = app_org_id() and app_is_service_staff());
create policy wellbeing_categories_change on wellbeing_categories for update to waymark_app
  using (org_id = app_org_id() and app_role() in ('service_manager', 'system'))
  with check (org_id = app_org_id());

alter table wellbeing_category_labels enable row level security;
create policy wellbeing_category_labels_read on wellbeing_category_labels for select to waymark_app
  using (org_id is null or org_id = app_org_id());
create policy wellbeing_category_labels_write on wellbeing_category_labels for insert to waymark_app
  with check (org_id = app_org_id() and app_is_service_staff());

alter table questionnaires enable row level security;
create policy questionnaires_read on questionnaires for select to waymark_app
  using (org_id is null or org_id = app_org_id());
create policy questionnaires_write on questionnaires for insert to waymark_app
  with check (org_id = app_org_id() and app_role() in ('service_manager', 'system'));

alter table awareness_sessions enable row level security;
create policy awareness_sessions_org on awareness_sessions to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or app_role() = 'api'))
  with check (org_id = app_org_id() and (app_is_service_staff() or app_role() = 'api'));

grant select, insert, update on wellbeing_categories, questionnaire_links, awareness_sessions to waymark_app;
grant select, insert on wellbeing_category_labels, questionnaires, questionnaire_responses to waymark_app;

-- A service's own system (an API token belonging to the service) records measures against the
-- service's cases, so it may read which cases and participants exist.
create policy cases_api_read on cases for select to waymark_app
  using (org_id = app_org_id() and app_role() = 'api');
create policy case_participants_api_read on case_participants for select to waymark_app
  using (org_id = app_org_id() and app_role() = 'api');
