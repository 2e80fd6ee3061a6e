-- The aggregate store (docs/adr/0012-aggregate-store.md): counts and sums by service, month and
-- dimension, computed from case data, the only figures commissioners and national analysts read
-- and the figures service managers' reports read too.
--
--   aggregate_figures        the store: per service (org_id), month, figure, dimension and value,
--                            a count (n) and a sum (total). No name, date of birth, free text or
--                            case id: values are codes (a check refuses anything else).
--   aggregate_testimonials   the anonymised, approved testimonials participants allowed to be
--                            shared with the commissioner (or in public), by service and month.
--   aggregate_figure_sources one view per figure, and the version of its definition it computes
--                            (src/domain/figures.ts holds the definitions; a test holds the two
--                            together).
--   aggregate_dirty          what changed since the last refresh: a statement trigger on each
--                            table a figure reads marks the referrals, cases and awareness
--                            sessions its rows belong to, in the changing transaction.
--   aggregate_subject_buckets for each of those, the service months it counted in at the last
--                            refresh, so a change that moves or removes a figure also recomputes
--                            the month it left.
--
-- refresh_aggregates() recomputes the months of the marked subjects, set-based, and is run by a
-- job inside the server and by `waymark aggregates refresh`; rebuild_aggregates() recomputes
-- everything. Both run as the owner (security definer): they read every service's cases.

-- The first day of a date's month.
create or replace function aggregate_month(d date) returns date
  language sql immutable parallel safe
  as $$ select d - (extract(day from d)::int - 1) $$;

-- The date in England and Wales of an instant.
create or replace function london_date(t timestamptz) returns date
  language sql immutable parallel safe
  as $$ select (t at time zone 'Europe/London')::date $$;

-- The mean of changes on a 1–5 scale, to two places, rounded half up, as text: the same as
-- distanceTravelled in src/domain/measures.ts (a property test compares the two).
create or replace function aggregate_mean_change(change_sum bigint, compared bigint) returns text
  language sql immutable parallel safe
  as $$ select (floor(change_sum::numeric * 100 / compared + 0.5) / 100)::numeric(6, 2)::text $$;

create table aggregate_figures (
  org_id uuid not null references organisations (id),
  month date not null check (extract(day from month) = 1),
  figure text not null,
  dimension text not null check (dimension ~ '^[a-z0-9_.:-]*$'),
  value text not null check (value ~ '^[a-z0-9_.:-]*$'),
  n bigint not null,
  total numeric not null default 0,
  primary key (org_id, month, figure, dimension, value)
);
create index aggregate_figures_figure on aggregate_figures (figure, month);

create table aggregate_testimonials (
  org_id uuid not null references organisations (id),
  month date not null,
  approved_on date not null,
  scope text not null check (scope in ('commissioner', 'public')),
  text text not null
);
create index aggregate_testimonials_org on aggregate_testimonials (org_id, month);

-- When the figures were last brought up to date: every change committed before then is in them.
create table aggregate_status (
  id boolean primary key default true check (id),
  refreshed_at timestamptz,
  rebuilt_at timestamptz,
  -- The bank holidays changed since the working-day calendar was built.
  calendar_stale boolean not null default true
);
insert into aggregate_status (id) values (true);

-- Working days (Monday to Friday, not a bank holiday in England and Wales), as a calendar: each
-- day's number of working days since the calendar starts, so the working days after one date up
-- to and including another are a difference of two numbers. The same rule as workingDaysBetween
-- in src/domain/working-days.ts; a property test compares the two. Rebuilt whenever the bank
-- holidays change.
create table working_day_calendar (
  day date primary key,
  n int not null
);

create or replace function rebuild_working_day_calendar() returns void
  language sql
  security definer
  set search_path = public, pg_temp
  as $$
    delete from working_day_calendar;
    insert into working_day_calendar (day, n)
    select d, (count(*) filter (where working) over (order by d))::int
    from (
      select d::date as d,
        extract(isodow from d) < 6 and not exists (select 1 from bank_holidays h where h.day = d::date) as working
      from generate_series(date '1990-01-01', date '2100-12-31', interval '1 day') as g(d)
    ) days;
    update aggregate_status set calendar_stale = false;
  $$;

-- Rebuilds the calendar if the bank holidays changed since; says whether it did. Run after the
-- reference data is loaded, and by every refresh.
create or replace function refresh_working_day_calendar() returns boolean
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    if not (select calendar_stale from aggregate_status) then
      return false;
    end if;
    perform rebuild_working_day_calendar();
    return true;
  end
  $$;

create or replace function working_days_between(from_date date, to_date date) returns int
  language sql stable
  as $$
    select greatest(0, (select n from working_day_calendar where day = to_date)
      - (select n from working_day_calendar where day = from_date))
  $$;

create table aggregate_figure_sources (
  figure text primary key,
  version int not null check (version > 0),
  source_view text not null unique
);

create table aggregate_dirty (
  id bigint generated always as identity primary key,
  subject_id uuid not null
);

create table aggregate_subject_buckets (
  subject_id uuid not null,
  org_id uuid not null,
  month date not null,
  primary key (subject_id, org_id, month)
);
create index aggregate_subject_buckets_month on aggregate_subject_buckets (org_id, month);

-- Marking what changed. Every referral, case and awareness session is a subject; a case's
-- figures may read its referral and a referral's (the funnel) its case, so each marks both.
create or replace function aggregate_mark_cases(ids uuid[]) returns void
  language sql
  security definer
  set search_path = public, pg_temp
  as $$
    insert into aggregate_dirty (subject_id)
    select id from unnest(ids) as u(id) where id is not null
    union
    select c.referral_id from cases c where c.id = any (ids) and c.referral_id is not null
  $$;

create or replace function aggregate_mark_referrals(ids uuid[]) returns void
  language sql
  security definer
  set search_path = public, pg_temp
  as $$
    insert into aggregate_dirty (subject_id)
    select id from unnest(ids) as u(id) where id is not null
    union
    select c.id from cases c where c.referral_id = any (ids)
  $$;

-- For every table whose rows belong to a case (they carry case_id).
create or replace function aggregate_mark_from_case_rows() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    ids uuid[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(distinct case_id) into ids from new_rows;
    elsif tg_op = 'UPDATE' then
      select array_agg(distinct case_id) into ids
      from (select case_id from new_rows union select case_id from old_rows) changed;
    else
      select array_agg(distinct case_id) into ids from old_rows;
    end if;
    if ids is not null then
      perform aggregate_mark_cases(ids);
    end if;
    return null;
  end
  $$;

create or replace function aggregate_mark_from_cases() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    ids uuid[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(x) into ids from (select id from new_rows union select referral_id from new_rows) t(x);
    elsif tg_op = 'UPDATE' then
      select array_agg(x) into ids from (
        select id from new_rows union select referral_id from new_rows
        union select id from old_rows union select referral_id from old_rows) t(x);
    else
      select array_agg(x) into ids from (select id from old_rows union select referral_id from old_rows) t(x);
    end if;
    insert into aggregate_dirty (subject_id) select x from unnest(ids) as u(x) where x is not null;
    return null;
  end
  $$;

create or replace function aggregate_mark_from_referrals() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    ids uuid[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(id) into ids from new_rows;
    elsif tg_op = 'UPDATE' then
      select array_agg(id) into ids from (select id from new_rows union select id from old_rows) t;
    else
      select array_agg(id) into ids from old_rows;
    end if;
    if ids is not null then
      perform aggregate_mark_referrals(ids);
    end if;
    return null;
  end
  $$;

create or replace function aggregate_mark_from_awareness() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    if tg_op in ('INSERT', 'UPDATE') then
      insert into aggregate_dirty (subject_id) select id from new_rows;
    end if;
    if tg_op in ('UPDATE', 'DELETE') then
      insert into aggregate_dirty (subject_id) select id from old_rows;
    end if;
    return null;
  end
  $$;

-- Working days depend on the bank holidays: a change to them makes the calendar stale, and the
-- next refresh rebuilds it and every figure.
create or replace function aggregate_calendar_changed() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    update aggregate_status set calendar_stale = true where not calendar_stale;
    return null;
  end
  $$;

-- Statement triggers: one mark per subject per statement, however many rows it wrote.
create or replace function aggregate_watch(target regclass, marker text) returns void
  language plpgsql
  as $$
  begin
    execute format('create trigger %1$s_aggregates_insert after insert on %2$s
      referencing new table as new_rows for each statement execute function %3$s()',
      replace(target::text, '.', '_'), target, marker);
    execute format('create trigger %1$s_aggregates_update after update on %2$s
      referencing new table as new_rows old table as old_rows
      for each statement execute function %3$s()',
      replace(target::text, '.', '_'), target, marker);
    execute format('create trigger %1$s_aggregates_delete after delete on %2$s
      referencing old table as old_rows for each statement execute function %3$s()',
      replace(target::text, '.', '_'), target, marker);
  end
  $$;

select aggregate_watch('referrals', 'aggregate_mark_from_referrals');
select aggregate_watch('cases', 'aggregate_mark_from_cases');
select aggregate_watch('awareness_sessions', 'aggregate_mark_from_awareness');
select aggregate_watch(t::regclass, 'aggregate_mark_from_case_rows')
from unnest(array[
  'case_participants', 'case_offers', 'case_consents', 'case_interventions',
  'case_time_entries', 'wellbeing_measures', 'wellbeing_scores', 'questionnaire_responses',
  'reoffending_checks', 'testimonials'
]) as t;

create trigger bank_holidays_aggregates after insert or update or delete or truncate
  on bank_holidays for each statement execute function aggregate_calendar_changed();

-- The figures, one view each (version 1 of each definition in src/domain/figures.ts). A view
-- gives, for every row that counts, the subject it belongs to, the service, the date that
-- places it in a month, and a dimension and value (the empty dimension is the figure's total),
-- with n (how many) and total (a sum). Codes only: lists such as closure outcomes and
-- intervention kinds are never copied here; the value is the code recorded, and the domain
-- names and groups it when a report is read.

create view aggregate_source_referrals_received as
select r.id as subject_id, r.org_id, r.received_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from referrals r
cross join lateral (values
  ('', ''),
  ('source', case when r.source_kind = 'organisation'
    then coalesce(r.source_org_id::text, 'unknown') else r.source_kind end),
  ('initiated_by', r.initiated_by),
  ('offence_group', r.offence_group_id),
  ('cjs_stage', r.cjs_stage),
  ('status', r.status),
  ('decline_reason', case when r.status = 'declined' then coalesce(r.decline_reason, 'not_recorded') end),
  ('flag', case when r.sv_da then 'sv_da' end)
) as d(dimension, value)
where d.value is not null;

-- Working days from the crime being reported (or, not known, the referral arriving) to each
-- Victims' Code duty being done, from the calendar as working_days_between() counts them;
-- whether that was in time is the domain's rule (victims-code.ts).
create view aggregate_source_victims_code as
select r.id as subject_id, r.org_id, r.received_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from referrals r
left join working_day_calendar since on since.day = coalesce(r.reported_on, r.received_on)
left join working_day_calendar informed on informed.day = r.rj_information_given_on
left join working_day_calendar supported on supported.day = r.support_referral_made_on
cross join lateral (values
  ('rj_information.' || case when r.enhanced_rights then 'enhanced' else 'standard' end,
    case when r.rj_information_given_on is null then 'not_recorded'
      else greatest(0, informed.n - since.n)::text end),
  ('support_referral',
    case when r.support_referral_made_on is null then 'not_recorded'
      else greatest(0, supported.n - since.n)::text end)
) as d(dimension, value);

-- The furthest each referral received in the month has got, and why a case ended early.
create view aggregate_source_funnel as
select r.id as subject_id, r.org_id, r.received_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from referrals r
left join lateral (
  select c.id, c.stage, c.closure_outcome, c.first_contact_on from cases c
  where c.referral_id = r.id order by c.created_at limit 1
) c on true
cross join lateral (select case
  when c.id is null then case when r.status = 'declined' then 'declined' else 'waiting' end
  when c.stage = 'closed' and c.closure_outcome = 'completed' then 'completed'
  when exists (select 1 from case_interventions i where i.case_id = c.id and i.status = 'held')
    then 'intervention_held'
  when exists (select 1 from case_consents k where k.case_id = c.id) then 'consented'
  when exists (select 1 from case_offers o where o.case_id = c.id and o.answer = 'yes') then 'agreed'
  when exists (select 1 from case_offers o where o.case_id = c.id) then 'offered'
  when c.first_contact_on is not null then 'contacted'
  else 'opened'
end as stage) s
cross join lateral (values
  ('', ''),
  ('furthest', s.stage),
  ('ended_early', case when c.stage = 'closed' and c.closure_outcome is distinct from 'completed'
    then coalesce(c.closure_outcome, 'not_recorded') end)
) as d(dimension, value)
where d.value is not null;

create view aggregate_source_cases_opened as
select c.id as subject_id, c.org_id, london_date(c.created_at) as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from cases c
left join referrals r on r.id = c.referral_id
cross join lateral (values
  ('', ''),
  ('origin', case when c.referral_id is null then 'transfer' else 'referral' end),
  ('initiated_by', r.initiated_by),
  ('flag', case when c.sv_da then 'sv_da' end)
) as d(dimension, value)
where d.value is not null;

create view aggregate_source_first_contact as
select c.id as subject_id, c.org_id, c.first_contact_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from cases c
join referrals r on r.id = c.referral_id
join working_day_calendar received on received.day = r.received_on
join working_day_calendar reached on reached.day = c.first_contact_on
cross join lateral (values
  ('', ''),
  ('working_days', greatest(0, reached.n - received.n)::text)
) as d(dimension, value)
where c.first_contact_on is not null;

create view aggregate_source_offers as
select o.case_id as subject_id, o.org_id, o.offered_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_offers o
join case_participants p on p.id = o.participant_id
cross join lateral (values
  ('', ''),
  ('role', p.role),
  ('answer.' || p.role, o.answer)
) as d(dimension, value);

create view aggregate_source_consents as
select k.case_id as subject_id, k.org_id, k.given_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_consents k
join case_participants p on p.id = k.participant_id
cross join lateral (values ('', ''), ('role', p.role)) as d(dimension, value);

create view aggregate_source_interventions_held as
select i.case_id as subject_id, i.org_id, i.held_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_interventions i
cross join lateral (values ('', ''), ('kind', i.kind)) as d(dimension, value)
where i.status = 'held' and i.held_on is not null;

create view aggregate_source_cases_closed as
select c.id as subject_id, c.org_id, c.closed_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from cases c
left join referrals r on r.id = c.referral_id
cross join lateral (values
  ('', ''),
  ('outcome', coalesce(c.closure_outcome, 'not_recorded')),
  ('closed_from', coalesce(c.previous_stage, 'not_recorded')),
  ('initiated_by', coalesce(r.initiated_by, 'transfer'))
) as d(dimension, value)
where c.stage = 'closed' and c.closed_on is not null;

-- Minutes in total, and miles, of every time entry: n counts entries.
create view aggregate_source_time_recorded as
select t.case_id as subject_id, t.org_id, t.worked_on as on_date, d.dimension, d.value,
  1 as n, t.minutes::numeric as total
from case_time_entries t
cross join lateral (values ('', ''), ('kind', t.kind)) as d(dimension, value);

create view aggregate_source_miles_recorded as
select t.case_id as subject_id, t.org_id, t.worked_on as on_date, '' as dimension, '' as value,
  1 as n, t.miles::numeric as total
from case_time_entries t;

-- A closed case's minutes and miles over its whole life, counted in the month it closed.
create view aggregate_source_closed_case_time as
select c.id as subject_id, c.org_id, c.closed_on as on_date, d.dimension, d.value,
  1 as n, d.amount as total
from cases c
cross join lateral (
  select coalesce(sum(t.minutes), 0)::numeric as minutes, coalesce(sum(t.miles), 0)::numeric as miles
  from case_time_entries t where t.case_id = c.id
) w
cross join lateral (values ('minutes', '', w.minutes), ('miles', '', w.miles))
  as d(dimension, value, amount)
where c.stage = 'closed' and c.closed_on is not null;

-- Each exit review, against the same person's latest entry measure before it: the change on
-- each category scored both times, and their mean to two places (rounded half up, as
-- distanceTravelled in src/domain/measures.ts does; a test compares the two).
create view aggregate_source_wellbeing as
select x.case_id as subject_id, x.org_id, x.taken_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from wellbeing_measures x
left join lateral (
  select e.id from wellbeing_measures e
  where e.participant_id = x.participant_id and e.kind = 'entry' and e.taken_on <= x.taken_on
  order by e.taken_on desc, e.created_at desc limit 1
) e on true
left join lateral (
  select count(*) as compared, sum(xs.score - es.score) as change_sum
  from wellbeing_scores xs
  join wellbeing_scores es on es.measure_id = e.id and es.category_id = xs.category_id
  where xs.measure_id = x.id
) c on true
cross join lateral (
  select '' as dimension, '' as value
  union all
  select 'compared', case when c.compared > 0 then 'yes' when e.id is null then 'only_exit'
    else 'nothing_in_common' end
  union all
  select 'overall_change', aggregate_mean_change(c.change_sum, c.compared)
  where c.compared > 0
  union all
  select 'change.' || cat.key, (xs.score - es.score)::text
  from wellbeing_scores xs
  join wellbeing_scores es on es.measure_id = e.id and es.category_id = xs.category_id
  join wellbeing_categories cat on cat.id = xs.category_id
  where xs.measure_id = x.id
) d
where x.kind = 'exit';

-- Each answer to a statement (1 to 5) or to "would you recommend", by audience and question.
create view aggregate_source_satisfaction as
select qr.case_id as subject_id, qr.org_id, qr.responded_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from questionnaire_responses qr
join questionnaires q on q.id = qr.questionnaire_id
cross join lateral (
  select '' as dimension, '' as value
  union all
  select 'audience', q.audience
  union all
  select 'answer.' || q.audience || '.' || (item->>'id'), a.answer
  from jsonb_array_elements(q.items) as item
  cross join lateral (select qr.answers->>(item->>'id') as answer) a
  where (item->>'type' = 'likert' and a.answer in ('1', '2', '3', '4', '5'))
     or (item->>'type' = 'recommend' and a.answer in ('yes', 'no', 'not_sure'))
) d;

create view aggregate_source_reoffending as
select rc.case_id as subject_id, rc.org_id, rc.checked_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from reoffending_checks rc
cross join lateral (values ('', ''), ('result', coalesce(rc.further_offence, 'unknown')))
  as d(dimension, value)
where rc.checked_on is not null;

create view aggregate_source_testimonials as
select t.case_id as subject_id, t.org_id, london_date(t.approved_at) as on_date, d.dimension,
  d.value, 1 as n, 0::numeric as total
from testimonials t
cross join lateral (values ('', ''), ('scope', t.consent_scope)) as d(dimension, value)
where t.approved_at is not null;

-- Awareness and training sessions: n sessions, total attendees; and their hours.
create view aggregate_source_awareness as
select s.id as subject_id, s.org_id, s.held_on as on_date, d.dimension, d.value,
  1 as n, s.attendees::numeric as total
from awareness_sessions s
cross join lateral (values
  ('', ''),
  ('kind', s.kind),
  ('audience', coalesce(s.audience_org_id::text, 'kind:' || s.audience_kind, 'other'))
) as d(dimension, value);

create view aggregate_source_awareness_hours as
select s.id as subject_id, s.org_id, s.held_on as on_date, d.dimension, d.value,
  1 as n, s.hours::numeric as total
from awareness_sessions s
cross join lateral (values
  ('', ''),
  ('audience', coalesce(s.audience_org_id::text, 'kind:' || s.audience_kind, 'other'))
) as d(dimension, value);

insert into aggregate_figure_sources (figure, version, source_view) values
  ('referrals_received', 1, 'aggregate_source_referrals_received'),
  ('victims_code', 1, 'aggregate_source_victims_code'),
  ('funnel', 1, 'aggregate_source_funnel'),
  ('cases_opened', 1, 'aggregate_source_cases_opened'),
  ('first_contact', 1, 'aggregate_source_first_contact'),
  ('offers', 1, 'aggregate_source_offers'),
  ('consents', 1, 'aggregate_source_consents'),
  ('interventions_held', 1, 'aggregate_source_interventions_held'),
  ('cases_closed', 1, 'aggregate_source_cases_closed'),
  ('time_recorded', 1, 'aggregate_source_time_recorded'),
  ('miles_recorded', 1, 'aggregate_source_miles_recorded'),
  ('closed_case_time', 1, 'aggregate_source_closed_case_time'),
  ('wellbeing', 1, 'aggregate_source_wellbeing'),
  ('satisfaction', 1, 'aggregate_source_satisfaction'),
  ('reoffending', 1, 'aggregate_source_reoffending'),
  ('testimonials', 1, 'aggregate_source_testimonials'),
  ('awareness', 1, 'aggregate_source_awareness'),
  ('awareness_hours', 1, 'aggregate_source_awareness_hours');

-- Indexes for recomputing one service month: each view's rows by service and date.
create index referrals_org_received on referrals (org_id, received_on);
create index cases_org_opened on cases (org_id, london_date(created_at));
create index cases_org_first_contact on cases (org_id, first_contact_on) where first_contact_on is not null;
create index cases_org_closed on cases (org_id, closed_on) where closed_on is not null;
create index case_offers_org_offered on case_offers (org_id, offered_on);
create index case_consents_org_given on case_consents (org_id, given_on);
create index case_interventions_org_held on case_interventions (org_id, held_on) where held_on is not null;
create index case_time_entries_org_worked on case_time_entries (org_id, worked_on);
create index reoffending_checks_org_checked on reoffending_checks (org_id, checked_on) where checked_on is not null;
create index testimonials_org_approved_day on testimonials (org_id, london_date(approved_at)) where approved_at is not null;
create index case_consents_participant on case_consents (participant_id);

-- The testimonials a commissioner may read: only what participants allowed to be shared beyond
-- the service, and only the anonymised text a practitioner approved.
create view aggregate_shared_testimonials as
select t.org_id, london_date(t.approved_at) as approved_on, t.consent_scope as scope,
  t.anonymised as text
from testimonials t
where t.approved_at is not null and t.anonymised is not null
  and t.consent_scope in ('commissioner', 'public');

-- Recomputing. Both functions take an advisory lock, so two processes never refresh at once.
-- A lock key of its own (the migration lock is 7270001).

-- Every service month of the given figures, recomputed from the sources: deletes what the store
-- holds for the months in pg_temp.aggregate_refresh_buckets and writes them again.
create or replace function aggregate_recompute_buckets() returns void
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    src record;
  begin
    -- The planner must know how few months there are, to read each source by its index.
    analyze aggregate_refresh_buckets;
    delete from aggregate_figures f using aggregate_refresh_buckets b
    where f.org_id = b.org_id and f.month = b.month;
    for src in select s.figure, s.source_view from aggregate_figure_sources s order by s.figure loop
      execute format($sql$
        insert into aggregate_figures (org_id, month, figure, dimension, value, n, total)
        select b.org_id, b.month, %L, v.dimension, v.value, sum(v.n), sum(v.total)
        from aggregate_refresh_buckets b
        cross join lateral (
          select v.dimension, v.value, v.n, v.total from %I v
          where v.org_id = b.org_id and v.on_date >= b.month
            and v.on_date < (b.month + interval '1 month')::date
        ) v
        group by b.org_id, b.month, v.dimension, v.value
      $sql$, src.figure, src.source_view);
    end loop;
    delete from aggregate_testimonials t using aggregate_refresh_buckets b
    where t.org_id = b.org_id and t.month = b.month;
    insert into aggregate_testimonials (org_id, month, approved_on, scope, text)
    select t.org_id, b.month, t.approved_on, t.scope, t.text
    from aggregate_refresh_buckets b
    join aggregate_shared_testimonials t on t.org_id = b.org_id
      and t.approved_on >= b.month and t.approved_on < (b.month + interval '1 month')::date;
  end
  $$;

-- Everything again, from every source (also what a refresh does with very many changes): each
-- view read once for the ledger and once, grouped, for the store.
create or replace function rebuild_aggregates() returns void
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    src record;
  begin
    perform pg_advisory_xact_lock(7270014);
    perform refresh_working_day_calendar();
    delete from aggregate_dirty;
    delete from aggregate_subject_buckets;
    delete from aggregate_figures;
    delete from aggregate_testimonials;
    for src in select s.figure, s.source_view from aggregate_figure_sources s order by s.figure loop
      execute format($sql$
        insert into aggregate_subject_buckets (subject_id, org_id, month)
        select distinct v.subject_id, v.org_id, aggregate_month(v.on_date) from %I v
        where v.on_date is not null
        on conflict do nothing
      $sql$, src.source_view);
      execute format($sql$
        insert into aggregate_figures (org_id, month, figure, dimension, value, n, total)
        select v.org_id, aggregate_month(v.on_date), %L, v.dimension, v.value, sum(v.n), sum(v.total)
        from %I v where v.on_date is not null
        group by 1, 2, 4, 5
      $sql$, src.figure, src.source_view);
    end loop;
    insert into aggregate_testimonials (org_id, month, approved_on, scope, text)
    select t.org_id, aggregate_month(t.approved_on), t.approved_on, t.scope, t.text
    from aggregate_shared_testimonials t;
    update aggregate_status set refreshed_at = now(), rebuilt_at = now();
  end
  $$;

-- The months of the subjects marked since the last refresh (before and after their change),
-- recomputed. With more than max_subjects marked, everything is rebuilt instead.
create or replace function refresh_aggregates(max_subjects int default 20000)
  returns table (subjects int, buckets int, rebuilt boolean)
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    last_mark bigint;
    dirty uuid[];
    src record;
  begin
    subjects := 0;
    buckets := 0;
    rebuilt := false;
    if not pg_try_advisory_xact_lock(7270014) then
      return next;
      return;
    end if;
    -- New bank holidays change working days everywhere: everything again.
    if refresh_working_day_calendar() then
      perform rebuild_aggregates();
      rebuilt := true;
      return next;
      return;
    end if;
    select max(id) into last_mark from aggregate_dirty;
    if last_mark is not null then
      -- One statement claims the marks it reads: a mark committed meanwhile is either both
      -- read and deleted, or left for the next refresh.
      with claimed as (
        delete from aggregate_dirty d where d.id <= last_mark returning d.subject_id
      )
      select array_agg(distinct c.subject_id) into dirty from claimed c;
    end if;
    subjects := coalesce(cardinality(dirty), 0);
    if subjects > max_subjects then
      perform rebuild_aggregates();
      rebuilt := true;
      return next;
      return;
    end if;
    if subjects > 0 then
      drop table if exists pg_temp.aggregate_refresh_buckets;
      create temp table aggregate_refresh_buckets (org_id uuid, month date, primary key (org_id, month))
        on commit drop;
      drop table if exists pg_temp.aggregate_refresh_months;
      create temp table aggregate_refresh_months (subject_id uuid, org_id uuid, month date,
        primary key (subject_id, org_id, month)) on commit drop;
      for src in select s.source_view from aggregate_figure_sources s order by s.figure loop
        execute format($sql$
          insert into aggregate_refresh_months (subject_id, org_id, month)
          select distinct v.subject_id, v.org_id, aggregate_month(v.on_date) from %I v
          where v.subject_id = any ($1) and v.on_date is not null
          on conflict do nothing
        $sql$, src.source_view) using dirty;
      end loop;
      insert into aggregate_refresh_buckets (org_id, month)
      select l.org_id, l.month from aggregate_subject_buckets l where l.subject_id = any (dirty)
      union
      select m.org_id, m.month from aggregate_refresh_months m;
      delete from aggregate_subject_buckets l where l.subject_id = any (dirty);
      insert into aggregate_subject_buckets (subject_id, org_id, month)
      select m.subject_id, m.org_id, m.month from aggregate_refresh_months m;
      perform aggregate_recompute_buckets();
      select count(*)::int into buckets from aggregate_refresh_buckets;
    end if;
    if not exists (select 1 from aggregate_dirty) then
      update aggregate_status set refreshed_at = now();
    end if;
    return next;
  end
  $$;

-- What the store would hold if it were rebuilt now, for checking it (waymark aggregates check
-- and the tests).
create or replace function aggregate_figures_from_sources()
  returns table (org_id uuid, month date, figure text, dimension text, value text, n bigint, total numeric)
  language plpgsql
  stable
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    src record;
  begin
    for src in select s.figure, s.source_view from aggregate_figure_sources s order by s.figure loop
      return query execute format($sql$
        select v.org_id, aggregate_month(v.on_date), %L::text, v.dimension, v.value,
          sum(v.n)::bigint, sum(v.total)
        from %I v where v.on_date is not null
        group by 1, 2, 4, 5
      $sql$, src.figure, src.source_view);
    end loop;
  end
  $$;

-- Where the store differs from a recomputation: nothing, when it is up to date.
create or replace function aggregate_store_differences()
  returns table (org_id uuid, month date, figure text, dimension text, value text,
    stored_n bigint, stored_total numeric, n bigint, total numeric)
  language sql
  stable
  security definer
  set search_path = public, pg_temp
  as $$
    select coalesce(s.org_id, r.org_id), coalesce(s.month, r.month), coalesce(s.figure, r.figure),
      coalesce(s.dimension, r.dimension), coalesce(s.value, r.value), s.n, s.total, r.n, r.total
    from aggregate_figures s
    full join aggregate_figures_from_sources() r
      on r.org_id = s.org_id and r.month = s.month and r.figure = s.figure
        and r.dimension = s.dimension and r.value = s.value
    where s.n is distinct from r.n or s.total is distinct from r.total
  $$;

revoke execute on function refresh_aggregates(int), rebuild_aggregates(), aggregate_recompute_buckets(),
  aggregate_figures_from_sources(), aggregate_store_differences(), aggregate_mark_cases(uuid[]),
  aggregate_mark_referrals(uuid[])
  from public;
grant execute on function refresh_aggregates(int), rebuild_aggregates(), aggregate_store_differences()
  to waymark_app;
revoke execute on function rebuild_working_day_calendar(), refresh_working_day_calendar() from public;

-- The ledger and the marks are the refresh's own: nobody reads them.
alter table aggregate_subject_buckets enable row level security;
create policy aggregate_subject_buckets_nobody on aggregate_subject_buckets to waymark_app using (false);

-- Reading figures: the role waymark_figures. Commissioners and national analysts act as it in
-- every transaction (withActor), and every report reads the store through it, so what it may
-- read is what a report can show: reference data, organisations, the store. It has no grant on
-- any table of case data, and a test lists its grants.
do $$
begin
  if not exists (select 1 from pg_roles where rolname = 'waymark_figures') then
    create role waymark_figures nologin;
  end if;
end
$$;

do $$
begin
  if not pg_has_role(current_user, 'waymark_figures', 'member') then
    execute format('grant waymark_figures to %I', current_user);
  end if;
end
$$;

grant usage on schema public to waymark_figures;
grant select on areas, area_governance, offence_groups, organisations to waymark_figures;
grant select on aggregate_figures, aggregate_testimonials, aggregate_status, aggregate_figure_sources
  to waymark_figures;
-- A commissioner's or analyst's own account: signing in, changing their password.
grant select, update on users to waymark_figures;
grant select, update on password_tokens to waymark_figures;
grant insert on audit_events to waymark_figures;
create policy audit_events_insert_figures on audit_events for insert to waymark_figures
  with check (org_id is not distinct from app_org_id());

-- Accounts have row-level security (migration 0012) whose policies name waymark_app: acting as
-- waymark_figures, a commissioner or analyst reads and changes their own account only, and uses
-- their own password link, as waymark_app's own-account policies allow.
create policy users_own_read_figures on users for select to waymark_figures
  using (id = app_user_id());
create policy users_own_change_figures on users for update to waymark_figures
  using (id = app_user_id())
  with check (id = app_user_id() and org_id = app_org_id() and role = app_role());
create policy password_tokens_own_read_figures on password_tokens for select to waymark_figures
  using (user_id = app_user_id());
create policy password_tokens_own_use_figures on password_tokens for update to waymark_figures
  using (user_id = app_user_id())
  with check (user_id = app_user_id());

-- Someone changing their own account changes nothing else about it (migration 0012), whichever
-- of the two roles they act as.
create or replace function users_own_changes_only() returns trigger
  language plpgsql
  as $$
  begin
    if current_user in ('waymark_app', 'waymark_figures') and new.id = app_user_id()
      and not (old.org_id = app_org_id() and app_role() in ('org_admin', 'system_admin'))
      and (new.role, new.org_id, new.active, new.trained_sv_da, new.name, new.email)
        is distinct from (old.role, old.org_id, old.active, old.trained_sv_da, old.name, old.email)
    then
      raise exception 'only an administrator of the organisation may change this account'
        using errcode = '42501';
    end if;
    return new;
  end
  $$;

-- The police force area of the acting organisation.
create or replace function app_area_id() returns text
  language sql stable
  as $$ select area_id from organisations where id = app_org_id() $$;

alter table aggregate_figures enable row level security;
create policy aggregate_figures_read on aggregate_figures for select to waymark_figures
  using (
    app_role() in ('national_analyst', 'system')
    or (app_role() = 'service_manager' and org_id = app_org_id())
    or (app_role() = 'commissioner'
        and org_id in (select o.id from organisations o where o.area_id = app_area_id()))
  );

alter table aggregate_testimonials enable row level security;
create policy aggregate_testimonials_read on aggregate_testimonials for select to waymark_figures
  using (
    app_role() = 'system'
    or (app_role() = 'national_analyst' and scope = 'public')
    or (app_role() = 'service_manager' and org_id = app_org_id())
    or (app_role() = 'commissioner'
        and org_id in (select o.id from organisations o where o.area_id = app_area_id()))
  );

-- The figures for the cases there are now.
select rebuild_aggregates();
