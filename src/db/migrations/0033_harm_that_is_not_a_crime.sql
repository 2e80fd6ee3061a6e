-- Restorative work on harm that is not a crime: a conflict at a school or college, at work,
-- between neighbours or in a family (src/domain/referrals.ts: HARM_SETTINGS). Such a referral
-- needs no offence group (one may still be given) and was not reported to the police as a
-- crime; every referral already held is a crime. The domain refuses anything else at every
-- door, and these checks hold it in the database too.
alter table referrals add column harm_setting text not null default 'crime' check (harm_setting in (
  'crime', 'school', 'workplace', 'neighbourhood', 'family', 'other_conflict'
));
alter table referrals alter column offence_group_id drop not null;
alter table referrals add constraint referrals_crime_has_offence_group
  check (harm_setting <> 'crime' or offence_group_id is not null);
alter table referrals add constraint referrals_not_a_crime_not_reported
  check (harm_setting = 'crime' or cjs_stage = 'not_reported');

-- Version 3 of referrals received: what the harm was (a crime, or where harm that is not a crime
-- happened), so that work which is not a crime is reported apart; by offence group, a referral
-- with no offence group is "not a crime".
create or replace view aggregate_source_referrals_received as
select r.id as subject_id, r.org_id, r.received_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from referrals r
cross join lateral (values
  ('', ''),
  ('source', case when r.source_kind = 'organisation'
    then coalesce(r.source_org_id::text, 'unknown') else r.source_kind end),
  ('initiated_by', r.initiated_by),
  ('offence_group', coalesce(r.offence_group_id, 'not_a_crime')),
  ('harm_setting', r.harm_setting),
  ('cjs_stage', r.cjs_stage),
  ('status', r.status),
  ('decline_reason', case when r.status = 'declined' then coalesce(r.decline_reason, 'not_recorded') end),
  ('flag', case when r.sv_da then 'sv_da' end),
  ('offender_age', coalesce(r.offender_age_group, 'not_known'))
) as d(dimension, value)
where d.value is not null;

update aggregate_figure_sources set version = 3 where figure = 'referrals_received';
select rebuild_aggregates();
