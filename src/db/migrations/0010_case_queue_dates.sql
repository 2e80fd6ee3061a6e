-- The work queues with a hundred thousand cases, second step (figures in the README).
--
-- Each queue's count is on the home page and on every queue page. Four queues were counted by
-- looking into another table for every case that might be in them: offers, agreement items,
-- follow-ups and reoffending checks. A case now carries the earliest date each of those falls
-- due, kept in step by statement triggers on the four tables, so each queue is one range of a
-- partial index on cases. The triggers run as whoever changes the rows, under the same
-- row-level security as everything else (anyone who may change those rows may change the case).

alter table cases
  -- The earliest re-offer date among participants whose latest answer was "not now".
  add column reoffer_due_on date,
  -- The earliest due date among agreement items not yet completed.
  add column agreement_due_on date,
  -- The earliest due date among follow-ups not yet done.
  add column follow_up_due_on date,
  -- The earliest due date among reoffending checks not yet made.
  add column reoffending_due_on date,
  -- The Victims' Code duties of the case's referral not yet done (information about RJ given,
  -- referral to a support service made).
  add column victims_code_pending boolean not null default false;

-- Set-based, so the same function serves one case after a change and every case at once (the
-- backfill below); a case whose dates did not change is not written again.
create or replace function refresh_case_queue_dates(case_ids uuid[]) returns void
  language sql
  as $$
    with touched as (select distinct unnest(case_ids) as id),
    reoffers as (
      select o.case_id, min(o.reoffer_on) as due_on from case_offers o
      where o.case_id = any (case_ids) and o.answer = 'not_now'
        and not exists (
          select 1 from case_offers later
          where later.participant_id = o.participant_id and later.created_at > o.created_at
        )
      group by o.case_id
    ),
    items as (
      select i.case_id, min(i.due_on) as due_on from case_agreement_items i
      where i.case_id = any (case_ids) and i.completed_on is null
      group by i.case_id
    ),
    follow_ups as (
      select f.case_id, min(f.due_on) as due_on from case_follow_ups f
      where f.case_id = any (case_ids) and f.done_on is null
      group by f.case_id
    ),
    checks as (
      select r.case_id, min(r.due_on) as due_on from reoffending_checks r
      where r.case_id = any (case_ids) and r.checked_on is null
      group by r.case_id
    ),
    dates as (
      select t.id, reoffers.due_on as reoffer, items.due_on as agreement,
        follow_ups.due_on as follow_up, checks.due_on as reoffending
      from touched t
      left join reoffers on reoffers.case_id = t.id
      left join items on items.case_id = t.id
      left join follow_ups on follow_ups.case_id = t.id
      left join checks on checks.case_id = t.id
    )
    update cases c set
      reoffer_due_on = d.reoffer,
      agreement_due_on = d.agreement,
      follow_up_due_on = d.follow_up,
      reoffending_due_on = d.reoffending
    from dates d
    where c.id = d.id
      and (c.reoffer_due_on, c.agreement_due_on, c.follow_up_due_on, c.reoffending_due_on)
        is distinct from (d.reoffer, d.agreement, d.follow_up, d.reoffending)
  $$;

-- One function for the four tables: the cases of the rows a statement inserted, changed or
-- deleted. Transition tables make it one update per statement, however many rows it wrote.
create or replace function case_queue_dates_from_rows() returns trigger
  language plpgsql
  as $$
  declare
    touched uuid[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(distinct case_id) into touched from new_rows;
    elsif tg_op = 'UPDATE' then
      select array_agg(distinct case_id) into touched
      from (select case_id from new_rows union select case_id from old_rows) changed;
    else
      select array_agg(distinct case_id) into touched from old_rows;
    end if;
    if touched is not null then
      perform refresh_case_queue_dates(touched);
    end if;
    return null;
  end
  $$;

do $$
declare
  child text;
begin
  foreach child in array array['case_offers', 'case_agreement_items', 'case_follow_ups', 'reoffending_checks'] loop
    execute format(
      'create trigger %1$s_queue_dates_insert after insert on %1$s
         referencing new table as new_rows
         for each statement execute function case_queue_dates_from_rows()', child);
    execute format(
      'create trigger %1$s_queue_dates_update after update on %1$s
         referencing new table as new_rows old table as old_rows
         for each statement execute function case_queue_dates_from_rows()', child);
    execute format(
      'create trigger %1$s_queue_dates_delete after delete on %1$s
         referencing old table as old_rows
         for each statement execute function case_queue_dates_from_rows()', child);
  end loop;
end
$$;

-- The Victims' Code duties: set from the referral when a case is opened, and again whenever
-- either date of the referral is written.
create or replace function case_victims_code_from_referral() returns trigger
  language plpgsql
  as $$
  begin
    select r.rj_information_given_on is null or r.support_referral_made_on is null
      into new.victims_code_pending
    from referrals r where r.id = new.referral_id;
    new.victims_code_pending := coalesce(new.victims_code_pending, false);
    return new;
  end
  $$;

create trigger cases_victims_code before insert or update of referral_id on cases
  for each row execute function case_victims_code_from_referral();

create or replace function referral_victims_code_to_case() returns trigger
  language plpgsql
  as $$
  begin
    update cases set victims_code_pending =
      new.rj_information_given_on is null or new.support_referral_made_on is null
    where referral_id = new.id
      and victims_code_pending is distinct from
        (new.rj_information_given_on is null or new.support_referral_made_on is null);
    return null;
  end
  $$;

create trigger referrals_victims_code_to_case
  after update of rj_information_given_on, support_referral_made_on on referrals
  for each row execute function referral_victims_code_to_case();

-- Every table of a case's details is read by its case; these had no index for it.
create index case_agreement_items_case on case_agreement_items (case_id);
create index case_agreement_payments_case on case_agreement_payments (case_id);
create index case_follow_ups_case on case_follow_ups (case_id);
create index case_intervention_attendees_case on case_intervention_attendees (case_id);
create index case_shuttle_messages_case on case_shuttle_messages (case_id);
create index case_letters_case on case_letters (case_id);
create index testimonials_case on testimonials (case_id);
create index wellbeing_scores_case on wellbeing_scores (case_id);

-- The cases there are now.
select refresh_case_queue_dates(array_agg(id)) from cases;
update cases c set victims_code_pending = true
from referrals r
where r.id = c.referral_id
  and (r.rj_information_given_on is null or r.support_referral_made_on is null);

create index cases_org_reoffer_due on cases (org_id, reoffer_due_on)
  where stage <> 'closed' and reoffer_due_on is not null;
create index cases_org_agreement_due on cases (org_id, agreement_due_on)
  where stage <> 'closed' and agreement_due_on is not null;
create index cases_org_follow_up_due on cases (org_id, follow_up_due_on)
  where stage <> 'closed' and follow_up_due_on is not null;
-- Closed cases too: the reoffending check comes a year after closure.
create index cases_org_reoffending_due on cases (org_id, reoffending_due_on)
  where reoffending_due_on is not null;
create index cases_org_victims_code on cases (org_id)
  where stage <> 'closed' and victims_code_pending;
