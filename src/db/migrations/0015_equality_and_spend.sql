-- Equality and diversity, and what commissioners spend (docs/adr/0012-aggregate-store.md).
--
-- participant_equality: what a participant chose to tell the service about themselves, every
-- question optional. NULL is "not asked"; 'prefer_not_to_say' is an answer. Recorded by staff,
-- or by the participant through a one-time questionnaire link (role 'respondent', for that
-- link's participant only). Special category data: it stays with the case's service, and
-- leaves it only as counts in the aggregate store. The answers are the lists in
-- src/domain/equality.ts (ONS 2021 Census questions).
--
-- service_spend: what a PCC office spent on restorative justice through each service in its
-- area in a financial year (April to March, by the year it starts), entered by the office.

create table participant_equality (
  participant_id uuid primary key references case_participants (id) on delete cascade,
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  age_band text check (age_band in ('under_18', '18_24', '25_34', '35_44', '45_54', '55_64', '65_plus', 'prefer_not_to_say')),
  sex text check (sex in ('female', 'male', 'prefer_not_to_say')),
  gender_identity text check (gender_identity in ('same_as_sex_registered', 'different', 'prefer_not_to_say')),
  ethnicity text check (ethnicity in ('bangladeshi', 'chinese', 'indian', 'pakistani', 'other_asian', 'african', 'caribbean', 'other_black', 'white_and_asian', 'white_and_black_african', 'white_and_black_caribbean', 'other_mixed', 'white_british', 'white_irish', 'gypsy_or_irish_traveller', 'roma', 'other_white', 'arab', 'any_other', 'prefer_not_to_say')),
  disability text check (disability in ('yes_limited_a_lot', 'yes_limited_a_little', 'no', 'prefer_not_to_say')),
  religion text check (religion in ('no_religion', 'christian', 'buddhist', 'hindu', 'jewish', 'muslim', 'sikh', 'other_religion', 'prefer_not_to_say')),
  sexual_orientation text check (sexual_orientation in ('straight_or_heterosexual', 'gay_or_lesbian', 'bisexual', 'other_orientation', 'prefer_not_to_say')),
  recorded_via text not null check (recorded_via in ('staff', 'questionnaire')),
  recorded_by uuid references users (id),
  recorded_at timestamptz not null default now()
);
create index participant_equality_case on participant_equality (case_id);

alter table participant_equality enable row level security;
create policy participant_equality_by_case on participant_equality to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a
    where a.case_id = participant_equality.case_id and a.user_id = app_user_id()))))
  with check (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer' and exists (
    select 1 from case_allocations a
    where a.case_id = participant_equality.case_id and a.user_id = app_user_id()))));
-- The person answering through their one-time link: their own answers, nothing else.
create policy participant_equality_respondent on participant_equality to waymark_app
  using (org_id = app_org_id() and app_role() = 'respondent' and exists (
    select 1 from questionnaire_links l
    where l.token_hash = current_setting('app.link_hash', true)
      and l.participant_id = participant_equality.participant_id))
  with check (org_id = app_org_id() and app_role() = 'respondent' and recorded_via = 'questionnaire'
    and exists (
      select 1 from questionnaire_links l
      where l.token_hash = current_setting('app.link_hash', true)
        and l.org_id = participant_equality.org_id
        and l.case_id = participant_equality.case_id
        and l.participant_id = participant_equality.participant_id));
grant select, insert, update on participant_equality to waymark_app;

select aggregate_watch('participant_equality', 'aggregate_mark_from_case_rows');

-- The people harmed and the people who harmed in the cases opened in a month, by what they
-- told the service (version 1 of people_referred in src/domain/figures.ts).
create view aggregate_source_people_referred as
select c.id as subject_id, c.org_id as org_id, london_date(c.created_at) as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from cases c
join case_participants p on p.case_id = c.id and p.role in ('harmed', 'harmer')
left join participant_equality e on e.participant_id = p.id
cross join lateral (values
  ('', ''),
  ('role', p.role),
  (p.role || '.age_band', coalesce(e.age_band, 'not_asked')),
  (p.role || '.sex', coalesce(e.sex, 'not_asked')),
  (p.role || '.gender_identity', coalesce(e.gender_identity, 'not_asked')),
  (p.role || '.ethnicity', coalesce(e.ethnicity, 'not_asked')),
  (p.role || '.disability', coalesce(e.disability, 'not_asked')),
  (p.role || '.religion', coalesce(e.religion, 'not_asked')),
  (p.role || '.sexual_orientation', coalesce(e.sexual_orientation, 'not_asked'))
) as d(dimension, value);

-- The same people, in the month they first gave their consent to take part (people_took_part).
create view aggregate_source_people_took_part as
select k.case_id as subject_id, k.org_id as org_id, k.given_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_consents k
join case_participants p on p.id = k.participant_id and p.role in ('harmed', 'harmer')
left join participant_equality e on e.participant_id = p.id
cross join lateral (values
  ('', ''),
  ('role', p.role),
  (p.role || '.age_band', coalesce(e.age_band, 'not_asked')),
  (p.role || '.sex', coalesce(e.sex, 'not_asked')),
  (p.role || '.gender_identity', coalesce(e.gender_identity, 'not_asked')),
  (p.role || '.ethnicity', coalesce(e.ethnicity, 'not_asked')),
  (p.role || '.disability', coalesce(e.disability, 'not_asked')),
  (p.role || '.religion', coalesce(e.religion, 'not_asked')),
  (p.role || '.sexual_orientation', coalesce(e.sexual_orientation, 'not_asked'))
) as d(dimension, value)
where not exists (
  select 1 from case_consents earlier
  where earlier.participant_id = k.participant_id
    and (earlier.given_on, earlier.created_at, earlier.id) < (k.given_on, k.created_at, k.id)
);

-- The same people, in the month their case closed as completed (people_completed).
create view aggregate_source_people_completed as
select c.id as subject_id, c.org_id as org_id, c.closed_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from cases c
join case_participants p on p.case_id = c.id and p.role in ('harmed', 'harmer')
left join participant_equality e on e.participant_id = p.id
cross join lateral (values
  ('', ''),
  ('role', p.role),
  (p.role || '.age_band', coalesce(e.age_band, 'not_asked')),
  (p.role || '.sex', coalesce(e.sex, 'not_asked')),
  (p.role || '.gender_identity', coalesce(e.gender_identity, 'not_asked')),
  (p.role || '.ethnicity', coalesce(e.ethnicity, 'not_asked')),
  (p.role || '.disability', coalesce(e.disability, 'not_asked')),
  (p.role || '.religion', coalesce(e.religion, 'not_asked')),
  (p.role || '.sexual_orientation', coalesce(e.sexual_orientation, 'not_asked'))
) as d(dimension, value)
where c.stage = 'closed' and c.closure_outcome = 'completed' and c.closed_on is not null;

insert into aggregate_figure_sources (figure, version, source_view) values
  ('people_referred', 1, 'aggregate_source_people_referred'),
  ('people_took_part', 1, 'aggregate_source_people_took_part'),
  ('people_completed', 1, 'aggregate_source_people_completed');

create table service_spend (
  org_id uuid not null references organisations (id),
  financial_year int not null check (financial_year between 2000 and 2098),
  amount_pence bigint not null check (amount_pence >= 0 and amount_pence < 10000000000000),
  entered_by uuid references users (id),
  entered_at timestamptz not null default now(),
  primary key (org_id, financial_year)
);

-- Read and written through waymark_figures (commissioners act as it): the area's commissioner
-- enters it for the services in the area; the service's manager and national analysts read it.
alter table service_spend enable row level security;
create policy service_spend_read on service_spend for select to waymark_figures
  using (
    app_role() in ('national_analyst', 'system')
    or (app_role() = 'service_manager' and org_id = app_org_id())
    or (app_role() = 'commissioner'
        and org_id in (select o.id from organisations o where o.area_id = app_area_id()))
  );
create policy service_spend_enter on service_spend for insert to waymark_figures
  with check (app_role() = 'commissioner' and org_id in (
    select o.id from organisations o where o.area_id = app_area_id() and o.kind = 'rj_service'));
create policy service_spend_change on service_spend for update to waymark_figures
  using (app_role() = 'commissioner'
    and org_id in (select o.id from organisations o where o.area_id = app_area_id()))
  with check (app_role() = 'commissioner' and org_id in (
    select o.id from organisations o where o.area_id = app_area_id() and o.kind = 'rj_service'));
grant select, insert, update on service_spend to waymark_figures;

-- The equality figures for the cases there are now.
select rebuild_aggregates();
