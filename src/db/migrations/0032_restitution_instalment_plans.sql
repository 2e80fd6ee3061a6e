-- Instalment plans for restitution: an item's balance paid in equal instalments, weekly,
-- fortnightly or monthly from a first date, the last the remainder (src/domain/instalments.ts).
-- A missed instalment makes the item overdue where overdue agreement items already show: the
-- case's agreement date (migration 0010) becomes, for an item with a plan, the date of its first
-- instalment not yet fully paid, so a payment that catches up moves it on. The rule is here
-- once for SQL (instalment_next_unmet_on) and once in the domain; a test runs the same cases
-- through both.

create table if not exists case_agreement_plans (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  -- One plan per item: a changed plan replaces it, an ended one is deleted (both on the timeline).
  item_id uuid not null unique references case_agreement_items (id) on delete cascade,
  instalment_pence int not null check (instalment_pence > 0),
  frequency text not null check (frequency in ('weekly', 'fortnightly', 'monthly')),
  first_due_on date not null,
  -- What had been paid towards the item when the plan was agreed: the plan pays the rest.
  paid_before_pence int not null default 0 check (paid_before_pence >= 0),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index if not exists case_agreement_plans_case on case_agreement_plans (case_id);

alter table case_agreement_plans enable row level security;
drop policy if exists case_agreement_plans_by_case on case_agreement_plans;
create policy case_agreement_plans_by_case on case_agreement_plans to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer'
    and exists (select 1 from case_allocations a where a.case_id = case_agreement_plans.case_id and a.user_id = app_user_id()))))
  with check (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer'
    and exists (select 1 from case_allocations a where a.case_id = case_agreement_plans.case_id and a.user_id = app_user_id()))));
grant select, insert, update, delete on case_agreement_plans to waymark_app;

-- The first instalment not yet fully paid (null when the plan is paid): instalment n, counting
-- from 0, is the first whose running total is more than what was paid under the plan. Monthly
-- dates keep the first date's day, or the month's last (date + interval does that).
create or replace function instalment_next_unmet_on(
  first_due_on date, frequency text, instalment_pence int,
  amount_pence int, paid_before_pence int, paid_pence int
) returns date
  language sql immutable
  as $$
    select case
      when greatest(0, paid_pence - paid_before_pence) >= greatest(0, amount_pence - paid_before_pence)
        then null
      else (first_due_on + case frequency
          when 'weekly' then make_interval(days => 7 * n)
          when 'fortnightly' then make_interval(days => 14 * n)
          else make_interval(months => n)
        end)::date
    end
    from (select greatest(0, paid_pence - paid_before_pence) / instalment_pence as n) k
  $$;

-- When an agreement item not yet completed falls due: its first unpaid instalment with a plan
-- (the plan is what was agreed about paying), its own due date without one.
create or replace function agreement_item_due_on(item case_agreement_items) returns date
  language sql stable
  as $$
    select case
      when item.completed_on is not null then null
      when p.id is null then item.due_on
      else instalment_next_unmet_on(p.first_due_on, p.frequency, p.instalment_pence,
        item.amount_pence, p.paid_before_pence,
        coalesce((select sum(pay.amount_pence) from case_agreement_payments pay
          where pay.item_id = item.id), 0)::int)
    end
    from (select 1) one
    left join case_agreement_plans p on p.item_id = item.id
  $$;

-- Migration 0010's function, with the items' dates from agreement_item_due_on.
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
      select i.case_id, min(agreement_item_due_on(i)) as due_on from case_agreement_items i
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

-- A plan, and now a payment too, moves an item's date: both refresh the case's dates.
do $$
declare
  child text;
begin
  foreach child in array array['case_agreement_plans', 'case_agreement_payments'] loop
    execute format('drop trigger if exists %1$s_queue_dates_insert on %1$s', child);
    execute format('drop trigger if exists %1$s_queue_dates_update on %1$s', child);
    execute format('drop trigger if exists %1$s_queue_dates_delete on %1$s', child);
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
