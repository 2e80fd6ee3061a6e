-- Foundation: areas, organisations, users, sessions, sign-in throttling, audit.
-- Runs as the database owner. The application acts as waymark_app, which owns nothing and
-- cannot bypass row-level security (see docs/adr/0003-tenancy-in-the-database.md).

do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'waymark_app') then
    create role waymark_app nologin;
  end if;
end
$$;

-- The owner must be able to SET ROLE to the application role.
do $$
begin
  if not pg_has_role(current_user, 'waymark_app', 'member') then
    execute format('grant waymark_app to %I', current_user);
  end if;
end
$$;

grant usage on schema public to waymark_app;

-- The acting organisation, user and role for this transaction, set by withActor() through
-- set_config(..., true). current_setting(..., true) returns '' rather than NULL once a
-- setting has been used in the session, hence nullif.
create or replace function app_org_id() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.org_id', true), '')::uuid $$;

create or replace function app_user_id() returns uuid
  language sql stable
  as $$ select nullif(current_setting('app.user_id', true), '')::uuid $$;

create or replace function app_role() returns text
  language sql stable
  as $$ select nullif(current_setting('app.role', true), '') $$;

create table areas (
  id text primary key,
  force_name text not null,
  name text not null,
  ons_code text not null unique,
  region text not null,
  country text not null check (country in ('England', 'Wales')),
  is_welsh boolean not null
);

-- Governance changes over time (a PCC becomes a PFCC or a mayor), so it is kept with dates.
create table area_governance (
  area_id text not null references areas (id),
  governance text not null check (governance in ('pcc', 'pfcc', 'mayor', 'city-of-london-corporation')),
  governance_body text not null,
  note text,
  effective_from date,
  effective_to date,
  primary key (area_id, governance, governance_body)
);

create table organisations (
  id uuid primary key default gen_random_uuid(),
  slug text not null unique check (slug ~ '^[a-z0-9]+(-[a-z0-9]+)*$'),
  name text not null,
  kind text not null check (kind in (
    'rj_service', 'pcc_office', 'police', 'prison', 'probation', 'youth_offending', 'court',
    'school', 'housing', 'health', 'victim_service', 'other'
  )),
  area_id text references areas (id),
  created_at timestamptz not null default now()
);
create unique index organisations_name_unique on organisations (lower(name));
create index organisations_area on organisations (area_id);

create table users (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  email text not null,
  name text not null,
  role text not null check (role in (
    'practitioner', 'volunteer', 'service_manager', 'referrer', 'commissioner',
    'national_analyst', 'admin'
  )),
  password_hash text,
  active boolean not null default true,
  created_at timestamptz not null default now(),
  last_signed_in_at timestamptz
);
create unique index users_email_unique on users (lower(email));
create index users_org on users (org_id);

-- Only a hash of the session token is stored: a copy of this table signs nobody in.
create table sessions (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  last_seen_at timestamptz not null
);
create index sessions_user on sessions (user_id);

create table sign_in_attempts (
  id bigint generated always as identity primary key,
  account_key text not null,
  address text not null,
  attempted_at timestamptz not null,
  succeeded boolean not null
);
create index sign_in_attempts_account on sign_in_attempts (account_key, attempted_at);
create index sign_in_attempts_address on sign_in_attempts (address, attempted_at);

create table setup_tokens (
  token_hash text primary key,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);

-- A one-time link for a new user to set their password (or a user whose reset was asked for).
create table password_tokens (
  token_hash text primary key,
  user_id uuid not null references users (id) on delete cascade,
  created_at timestamptz not null,
  expires_at timestamptz not null,
  used_at timestamptz
);
create index password_tokens_user on password_tokens (user_id);

create table audit_events (
  id bigint generated always as identity primary key,
  occurred_at timestamptz not null default now(),
  org_id uuid references organisations (id),
  user_id uuid references users (id),
  action text not null,
  entity_type text,
  entity_id text,
  outcome text not null default 'success' check (outcome in ('success', 'denied', 'failed')),
  request_id text,
  details jsonb not null default '{}'::jsonb
);
create index audit_events_occurred on audit_events (occurred_at desc);
create index audit_events_org on audit_events (org_id, occurred_at desc);
create index audit_events_entity on audit_events (entity_type, entity_id);
create index audit_events_user on audit_events (user_id, occurred_at desc);

alter table audit_events enable row level security;
-- Anyone acting may record an event for their own organisation (or none, before sign-in).
create policy audit_events_insert on audit_events for insert to waymark_app
  with check (org_id is not distinct from app_org_id());
-- An organisation reads its own trail; administrators read every organisation's.
create policy audit_events_select on audit_events for select to waymark_app
  using (org_id = app_org_id() or app_role() = 'admin');

grant select on areas, area_governance to waymark_app;
grant select, insert, update on organisations, users to waymark_app;
grant select, insert, update, delete on sessions, sign_in_attempts, setup_tokens, password_tokens
  to waymark_app;
grant select, insert on audit_events to waymark_app;
