-- The whole-system view: the provision survey (one response per police force area per survey
-- year, with every earlier response kept), the agencies each survey year offers, the share of
-- victims told about restorative justice as police forces report it per month, and the
-- population of each area (reference data, where provided). None of it is about a person.

-- The police force area of the acting organisation (a PCC office's, say), or null.
create or replace function app_area_id() returns text
  language sql stable
  as $$ select area_id from organisations where id = app_org_id() $$;

-- Who may read and write an area's returns: national analysts and the command line for every
-- area, a PCC office's commissioner for its own.
create or replace function app_may_report_for(area text) returns boolean
  language sql stable
  as $$ select app_role() in ('national_analyst', 'system')
        or (app_role() = 'commissioner' and area = app_area_id()) $$;

create table provision_survey_years (
  year int primary key check (year between 2000 and 2100),
  agency_options text[] not null check (agency_options <@ array[
    'police', 'prisons', 'crc', 'nps', 'yot', 'magistrates_court', 'crown_court', 'schools',
    'secure_hospitals', 'housing', 'retail_crime', 'care_homes', 'health', 'other']::text[]),
  updated_at timestamptz not null default now(),
  updated_by_name text not null
);

-- A response, as entered or imported. A later response for the same area and year supersedes
-- it (superseded_at is set); the current one has none. A list answer is an array ('{}' for
-- "none of these"); a skipped question is null.
create table provision_responses (
  id uuid primary key default gen_random_uuid(),
  area_id text not null references areas (id),
  year int not null check (year between 2000 and 2100),
  respondent text check (respondent in ('pcc_office', 'rj_service')),
  provider text check (provider in ('third_sector', 'pcc_office', 'victim_service', 'police', 'other')),
  delivery_model text[] check (delivery_model <@ array['hub', 'victim_service', 'steering_group', 'other']::text[]),
  agencies text[] check (agencies <@ array[
    'police', 'prisons', 'crc', 'nps', 'yot', 'magistrates_court', 'crown_court', 'schools',
    'secure_hospitals', 'housing', 'retail_crime', 'care_homes', 'health', 'other']::text[]),
  offender_initiated text check (offender_initiated in ('yes', 'no')),
  sv_da text check (sv_da in ('yes', 'no')),
  measures text[] check (measures <@ array['satisfaction', 'volume', 'distance_travelled',
    'testimonials', 'reoffending', 'training_awareness']::text[]),
  challenges text[] check (challenges <@ array['low_referrals', 'information_sharing',
    'partner_resistance', 'funding', 'awareness', 'other']::text[]),
  expanding text check (expanding in ('yes', 'no')),
  rsqm text check (rsqm in ('awarded', 'working_towards', 'none')),
  rj_spend_gbp bigint check (rj_spend_gbp >= 0),
  victims_budget_gbp bigint check (victims_budget_gbp >= 0),
  beyond_rj text check (beyond_rj in ('yes', 'no')),
  source text not null check (source in ('form', 'import')),
  file_name text,
  recorded_by uuid references users (id),
  recorded_by_name text not null,
  recorded_at timestamptz not null,
  superseded_at timestamptz,
  superseded_by uuid references provision_responses (id) deferrable initially deferred
);
create unique index provision_responses_current on provision_responses (year, area_id)
  where superseded_at is null;
create index provision_responses_area on provision_responses (area_id, year, recorded_at);

-- A PCC office's answers in progress, page by page, owned by the person writing them.
create table provision_drafts (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  owner_user_id uuid not null references users (id),
  area_id text not null references areas (id),
  year int not null check (year between 2000 and 2100),
  data jsonb not null default '{}'::jsonb,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  expires_at timestamptz not null
);
create index provision_drafts_owner on provision_drafts (owner_user_id, updated_at desc);

-- Victims' Code: of all victims of crime a force recorded in a month, how many were told about
-- restorative justice. Superseded like a survey response.
create table victims_informed_returns (
  id uuid primary key default gen_random_uuid(),
  area_id text not null references areas (id),
  month date not null check (extract(day from month) = 1),
  victims int not null check (victims >= 0),
  told_about_rj int not null check (told_about_rj >= 0),
  source text not null check (source in ('form', 'import')),
  file_name text,
  recorded_by uuid references users (id),
  recorded_by_name text not null,
  recorded_at timestamptz not null,
  superseded_at timestamptz,
  superseded_by uuid references victims_informed_returns (id) deferrable initially deferred,
  check (told_about_rj <= victims)
);
create unique index victims_informed_current on victims_informed_returns (month, area_id)
  where superseded_at is null;
create index victims_informed_area on victims_informed_returns (area_id, month);

-- Population of each area, for rates per 100,000 people, where a deployment provides it.
create table area_populations (
  area_id text not null references areas (id),
  year int not null check (year between 2000 and 2100),
  population int not null check (population > 0),
  source text not null,
  primary key (area_id, year)
);

alter table provision_survey_years enable row level security;
create policy provision_survey_years_read on provision_survey_years for select to waymark_app
  using (app_role() is not null);
create policy provision_survey_years_write on provision_survey_years to waymark_app
  using (app_role() in ('national_analyst', 'system'))
  with check (app_role() in ('national_analyst', 'system'));

alter table provision_responses enable row level security;
create policy provision_responses_area on provision_responses to waymark_app
  using (app_may_report_for(area_id)) with check (app_may_report_for(area_id));

alter table victims_informed_returns enable row level security;
create policy victims_informed_area on victims_informed_returns to waymark_app
  using (app_may_report_for(area_id)) with check (app_may_report_for(area_id));

alter table provision_drafts enable row level security;
create policy provision_drafts_owner on provision_drafts to waymark_app
  using (org_id = app_org_id() and owner_user_id = app_user_id())
  with check (org_id = app_org_id() and owner_user_id = app_user_id()
    and app_may_report_for(area_id));

alter table area_populations enable row level security;
create policy area_populations_read on area_populations for select to waymark_app
  using (app_role() is not null);
create policy area_populations_write on area_populations to waymark_app
  using (app_role() in ('national_analyst', 'system'))
  with check (app_role() in ('national_analyst', 'system'));

grant select, insert, update on provision_survey_years, provision_responses,
  victims_informed_returns, area_populations to waymark_app;
grant select, insert, update, delete on provision_drafts to waymark_app;
