-- Referrals: reference data (offence groups, bank holidays), service settings, people known to
-- a service, referrals with their parties and messages, web drafts, API tokens, imports, and
-- the first shape of a case (the case journey extends it).

create table offence_groups (
  id text primary key,
  name text not null,
  sort_order int not null,
  crime_category text not null,
  subgroups text[] not null default '{}',
  in_total_recorded_crime boolean not null
);

create table bank_holidays (
  day date primary key,
  name text not null
);

-- Who is acting for the service side of case data. Volunteers and administrators are not.
create or replace function app_is_service_staff() returns boolean
  language sql stable
  as $$ select coalesce(app_role() in ('practitioner', 'service_manager', 'system'), false) $$;

create table service_settings (
  org_id uuid primary key references organisations (id),
  -- Offender-initiated referrals in sexual violence or domestic abuse cases.
  offender_initiated_sv_da text not null default 'specialist_assessment'
    check (offender_initiated_sv_da in ('refuse', 'specialist_assessment')),
  -- Days until a victim who said "not now" is offered RJ again.
  reoffer_interval_days int not null default 90 check (reoffer_interval_days between 1 and 730),
  contact_name text,
  contact_email text,
  contact_phone text,
  updated_at timestamptz not null default now()
);

-- A person known to a service: one person may take part in several cases.
create table persons (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  forename text,
  surname text,
  date_of_birth date,
  phone text,
  email text,
  postcode text,
  establishment text,
  created_at timestamptz not null default now()
);
create index persons_name on persons (org_id, lower(surname), date_of_birth);

create table referrals (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  reference text not null unique,
  source_org_id uuid references organisations (id),
  source_kind text not null check (source_kind in ('organisation', 'self', 'public')),
  initiated_by text not null check (initiated_by in ('victim', 'offender', 'agency')),
  received_on date not null,
  reported_on date,
  crime_reference text,
  offence_group_id text not null references offence_groups (id),
  offence_date date,
  cjs_stage text not null check (cjs_stage in (
    'not_reported', 'pre_charge', 'out_of_court', 'pre_sentence', 'community_sentence',
    'custody', 'post_release'
  )),
  sv_da boolean not null default false,
  enhanced_rights boolean not null default false,
  victim_consented boolean,
  notes text,
  channel text not null check (channel in ('web', 'api', 'import')),
  submitted_by uuid references users (id),
  import_job_id uuid,
  duplicate_key text not null,
  status text not null default 'received'
    check (status in ('received', 'information_requested', 'accepted', 'declined')),
  decline_reason text check (decline_reason in ('out_of_area', 'not_suitable', 'duplicate', 'no_consent', 'other')),
  decline_note text,
  decided_at timestamptz,
  decided_by uuid references users (id),
  -- What the referrer may follow once a case exists: progress and the coded outcome.
  progress text not null default 'received'
    check (progress in ('received', 'accepted', 'in_progress', 'closed', 'declined')),
  closure_code text,
  rj_information_given_on date,
  support_referral_made_on date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index referrals_org_status on referrals (org_id, status, received_on desc);
create index referrals_source on referrals (source_org_id, created_at desc);
create index referrals_duplicate_key on referrals (org_id, duplicate_key);
create index referrals_crime_reference on referrals (org_id, lower(crime_reference));

create table referral_parties (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  referral_id uuid not null references referrals (id) on delete cascade,
  role text not null check (role in ('victim', 'offender')),
  forename text,
  surname text,
  date_of_birth date,
  phone text,
  email text,
  postcode text,
  establishment text,
  safe_phone text,
  may_leave_message boolean,
  preferred_contact text check (preferred_contact in ('phone', 'text', 'email', 'letter', 'in_person')),
  preferred_times text,
  do_not_contact_via text,
  person_id uuid references persons (id),
  unique (referral_id, role)
);
create index referral_parties_name on referral_parties (org_id, lower(surname), date_of_birth);

-- Questions from the service to the referrer and their replies. Visible to both sides.
create table referral_messages (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  referral_id uuid not null references referrals (id) on delete cascade,
  direction text not null check (direction in ('to_referrer', 'from_referrer')),
  body text not null,
  created_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index referral_messages_referral on referral_messages (referral_id, created_at);

-- A referral being written on the web, saved after every page, owned by its writer.
create table referral_drafts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  owner_user_id uuid not null references users (id),
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index referral_drafts_owner on referral_drafts (owner_user_id, updated_at desc);

create table cases (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  reference text not null unique,
  referral_id uuid references referrals (id),
  stage text not null default 'new',
  sv_da boolean not null default false,
  needs_specialist_assessment boolean not null default false,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  version int not null default 1
);
create index cases_org_stage on cases (org_id, stage);

-- Per-organisation API tokens for partner systems. Only a hash of the token is stored.
create table api_tokens (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  name text not null,
  token_hash text not null unique,
  created_at timestamptz not null default now(),
  created_by uuid references users (id),
  last_used_at timestamptz,
  revoked_at timestamptz
);
create index api_tokens_org on api_tokens (org_id);

create table import_jobs (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  kind text not null default 'referrals',
  file_name text not null,
  dry_run boolean not null default false,
  status text not null default 'running' check (status in ('running', 'done', 'failed')),
  rows_read int not null default 0,
  imported int not null default 0,
  rejected int not null default 0,
  duplicates int not null default 0,
  error text,
  rejects_csv text,
  created_by uuid references users (id),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  finished_at timestamptz
);
create index import_jobs_org on import_jobs (org_id, created_at desc);

-- Validated rows of an import waiting to be published in one statement. Nothing here is a
-- referral until the job publishes, so an import killed half way leaves no referrals behind.
create table import_staging (
  job_id uuid not null references import_jobs (id) on delete cascade,
  org_id uuid not null references organisations (id),
  row_number int not null,
  referral jsonb not null,
  parties jsonb not null,
  primary key (job_id, row_number)
);

create table notifications (
  id uuid primary key default gen_random_uuid(),
  to_address text not null,
  subject text not null,
  body text not null,
  created_at timestamptz not null default now(),
  sent_at timestamptz,
  error text
);

-- Row-level security for case data.
alter table persons enable row level security;
create policy persons_staff on persons to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

alter table referrals enable row level security;
create policy referrals_select on referrals for select to waymark_app
  using ((org_id = app_org_id() and app_is_service_staff()) or source_org_id = app_org_id());
create policy referrals_insert on referrals for insert to waymark_app
  with check ((org_id = app_org_id() and app_is_service_staff()) or source_org_id = app_org_id());
create policy referrals_update on referrals for update to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

-- A referrer may write the parties of a referral they are sending, but never read them back.
alter table referral_parties enable row level security;
create policy referral_parties_staff on referral_parties to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());
create policy referral_parties_referrer_insert on referral_parties for insert to waymark_app
  with check (exists (
    select 1 from referrals r
    where r.id = referral_id and r.org_id = referral_parties.org_id and r.source_org_id = app_org_id()
  ));

alter table referral_messages enable row level security;
create policy referral_messages_select on referral_messages for select to waymark_app
  using (
    (org_id = app_org_id() and app_is_service_staff())
    or exists (select 1 from referrals r where r.id = referral_id and r.source_org_id = app_org_id())
  );
create policy referral_messages_insert on referral_messages for insert to waymark_app
  with check (
    (org_id = app_org_id() and app_is_service_staff() and direction = 'to_referrer')
    or (direction = 'from_referrer' and exists (
      select 1 from referrals r where r.id = referral_id and r.source_org_id = app_org_id()
    ))
  );

alter table referral_drafts enable row level security;
create policy referral_drafts_owner on referral_drafts to waymark_app
  using (owner_user_id = app_user_id() and org_id = app_org_id())
  with check (owner_user_id = app_user_id() and org_id = app_org_id());

alter table cases enable row level security;
create policy cases_staff on cases to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

alter table import_jobs enable row level security;
create policy import_jobs_org on import_jobs to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

alter table import_staging enable row level security;
create policy import_staging_org on import_staging to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

alter table service_settings enable row level security;
create policy service_settings_read on service_settings for select to waymark_app
  using (true);
create policy service_settings_write on service_settings to waymark_app
  using (org_id = app_org_id() and app_role() in ('service_manager', 'system'))
  with check (org_id = app_org_id() and app_role() in ('service_manager', 'system'));

grant select on offence_groups to waymark_app;
grant select, insert, update on bank_holidays to waymark_app;
grant select, insert, update on service_settings, persons, referrals, referral_parties, cases to waymark_app;
grant select, insert on referral_messages to waymark_app;
grant select, insert, update, delete on referral_drafts, import_staging to waymark_app;
grant select, insert, update on import_jobs, api_tokens, notifications to waymark_app;

-- Which version of each shipped reference file was last loaded, so starts skip unchanged ones.
create table reference_data_loads (
  name text primary key,
  fingerprint text not null,
  loaded_at timestamptz not null default now()
);
