-- A youth breakdown in the figures: whether the person who harmed was under 18 when the harm
-- happened (youth justice: the youth offending team, referral orders), kept on the referral as
-- a code so that it survives anonymisation like every other figure (migration 0025), and counted
-- by referrals_received (version 2 of its definition, src/domain/figures.ts).
--
-- Waymark works it out at intake from the date of birth (src/domain/youth.ts: ageGroupAt); this
-- function is the same rule for the referrals already held, and a test runs the same dates
-- through both. The age is taken on the offence date, or failing that the reporting date, or
-- failing that the day the referral arrived. The 18th birthday is compared as text, as the
-- domain does, so someone born on 29 February is 18 on 1 March in a year without one.
create or replace function offender_age_group_at(date_of_birth date, on_day date) returns text
  language sql immutable
  as $$
    select case
      when date_of_birth is null then null
      when to_char(on_day, 'YYYY-MM-DD')
        < lpad((extract(year from date_of_birth)::int + 18)::text, 4, '0')
          || to_char(date_of_birth, '-MM-DD') then 'under_18'
      else 'adult'
    end
  $$;

alter table referrals
  add column offender_age_group text check (offender_age_group in ('under_18', 'adult'));

with worked_out as (
  update referrals r
  set offender_age_group = offender_age_group_at(
    p.date_of_birth, coalesce(r.offence_date, r.reported_on, r.received_on))
  from referral_parties p
  where p.referral_id = r.id and p.role = 'offender' and p.date_of_birth is not null
  returning r.id
)
insert into migration_corrections (migration, what, changed)
select '0029_offender_age_in_figures', 'referrals given the age group of the person who harmed',
  count(*) from worked_out;

-- Version 2 of referrals received: the same rows, and the age group of the person who harmed.
create or replace view aggregate_source_referrals_received as
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
  ('flag', case when r.sv_da then 'sv_da' end),
  ('offender_age', coalesce(r.offender_age_group, 'not_known'))
) as d(dimension, value)
where d.value is not null;

update aggregate_figure_sources set version = 2 where figure = 'referrals_received';
select rebuild_aggregates();
