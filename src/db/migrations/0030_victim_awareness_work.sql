-- Victim awareness work: restorative work with the person who harmed alone, when the person
-- harmed declines or cannot be found, or before they are asked (src/domain/interventions.ts).
-- It is recorded as an intervention of its own kind, but it is not restorative justice between
-- them: it is never counted as a victim-offender process (interventions held and the funnel,
-- version 2 of each), it is counted as a figure of its own, and a case whose work was only
-- this closes with an outcome of its own rather than "completed".
alter table case_interventions drop constraint if exists case_interventions_kind_check;
alter table case_interventions add constraint case_interventions_kind_check check (kind in (
  'conference', 'mediation', 'shuttle', 'letter_of_apology', 'circle', 'community_resolution',
  'neighbourhood_mediation', 'video_meeting', 'victim_awareness'
));

alter table cases drop constraint if exists cases_closure_outcome_check;
alter table cases add constraint cases_closure_outcome_check check (closure_outcome in (
  'completed', 'victim_declined', 'offender_declined', 'not_suitable', 'could_not_contact',
  'withdrew_consent', 'moved_away', 'harmer_denies', 'no_identifiable_victim',
  'referrer_withdrew', 'died', 'victim_awareness_completed', 'other'
));

-- Version 2 of interventions held: victim-offender processes only.
create or replace view aggregate_source_interventions_held as
select i.case_id as subject_id, i.org_id, i.held_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_interventions i
cross join lateral (values ('', ''), ('kind', i.kind)) as d(dimension, value)
where i.status = 'held' and i.held_on is not null and i.kind <> 'victim_awareness';

-- Version 2 of the funnel: a referral reaches "intervention held" only through a
-- victim-offender process; victim awareness work alone leaves it where the RJ work got to.
create or replace view aggregate_source_funnel as
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
  when exists (
    select 1 from case_interventions i
    where i.case_id = c.id and i.status = 'held' and i.kind <> 'victim_awareness'
  ) then 'intervention_held'
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

-- Victim awareness work held (version 1), and whether the person harmed had, by then, been
-- offered restorative justice: completing the work can prompt an offer.
create view aggregate_source_victim_awareness_work as
select i.case_id as subject_id, i.org_id, i.held_on as on_date, d.dimension, d.value,
  1 as n, 0::numeric as total
from case_interventions i
cross join lateral (values
  ('', ''),
  ('harmed_offered', case when exists (
    select 1 from case_offers o join case_participants p on p.id = o.participant_id
    where o.case_id = i.case_id and p.role = 'harmed' and o.offered_on <= i.held_on
  ) then 'yes' else 'no' end)
) as d(dimension, value)
where i.status = 'held' and i.held_on is not null and i.kind = 'victim_awareness';

insert into aggregate_figure_sources (figure, version, source_view)
values ('victim_awareness_work', 1, 'aggregate_source_victim_awareness_work');
update aggregate_figure_sources set version = 2 where figure in ('interventions_held', 'funnel');
select rebuild_aggregates();
