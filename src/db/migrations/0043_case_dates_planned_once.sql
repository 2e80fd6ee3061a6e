-- The case's kept dates and Victims' Code flag, refreshed with plans made once per connection.
--
-- Every write to a case's people, contacts, offers, consents, updates, agreement items, follow-ups
-- or reoffending checks calls one or more of refresh_case_victims_code (migration 0020),
-- refresh_case_update_due (0042) and refresh_case_queue_dates (0032) from a statement trigger.
-- They were SQL functions, which PostgreSQL parses, rewrites (adding each table's row-level
-- security) and plans again on every call: pg_stat_statements over the integration tests on a
-- PostgreSQL server put 4–13 ms of planning on each call of the first and 3–7 ms on the second,
-- several times what running them took, and an insert of a person into a case spent 8 ms in its
-- triggers. As PL/pgSQL functions their statements are prepared once per connection.
--
-- They keep the plan they had: a SQL function is planned without its argument's value, so it was
-- always a generic plan; force_generic_plan keeps it so, rather than planning again for each call
-- whose array PostgreSQL can see (which, for one case, it would judge ten times cheaper and so
-- plan every time). The bodies are unchanged.
--
-- That generic plan asked, for every person harmed in the touched cases, whether a contact with
-- them explained restorative justice; no index answered it, so PostgreSQL hashed every such
-- contact of the service (row-level security still applies) on each call: 30 ms a call with
-- 20,000 cases, growing with the service. The partial index below lets it look up the person.
create index case_contacts_participant_rj_explained on case_contacts (participant_id)
  where rj_explained;

create or replace function refresh_case_victims_code(case_ids uuid[]) returns int
  language plpgsql
  set plan_cache_mode = force_generic_plan
  as $$
  declare
    changed_cases int;
  begin
    with touched as (select distinct unnest(case_ids) as id),
    pending as (
      select t.id, exists (
        select 1 from case_participants p
        where p.case_id = t.id and p.role = 'harmed' and p.organisation_name is null
          and not exists (select 1 from case_offers o where o.participant_id = p.id)
          and not exists (select 1 from case_consents k where k.participant_id = p.id)
          and not exists (
            select 1 from case_contacts x where x.participant_id = p.id and x.rj_explained
          )
      ) as pending
      from touched t
    ),
    changed as (
      update cases c set victims_code_pending = d.pending
      from pending d
      where c.id = d.id and c.victims_code_pending is distinct from d.pending
      returning c.id
    )
    select count(*)::int into changed_cases from changed;
    return changed_cases;
  end
  $$;

create or replace function refresh_case_update_due(case_ids uuid[]) returns void
  language plpgsql
  set plan_cache_mode = force_generic_plan
  as $$
  begin
    with due as (
      select c.id, (
        select min(coalesce(
            (select max(u.told_on) from case_updates u where u.participant_id = p.id),
            (select london_date(max(k.contacted_at)) from case_contacts k
              where k.participant_id = p.id and k.outcome = 'spoke'),
            london_date(c.created_at)
          ) + coalesce(p.update_interval_days,
            (select s.update_interval_days from service_settings s where s.org_id = c.org_id), 28))
        from case_participants p
        where p.case_id = c.id and p.role in ('harmed', 'harmer')
          and p.consent_status <> 'withdrawn' and not p.unsafe_to_contact
      ) as due_on
      from cases c
      where c.id = any (case_ids)
    )
    update cases c set update_due_on = due.due_on
    from due
    where c.id = due.id and c.update_due_on is distinct from due.due_on;
  end
  $$;

create or replace function refresh_case_queue_dates(case_ids uuid[]) returns void
  language plpgsql
  set plan_cache_mode = force_generic_plan
  as $$
  begin
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
        is distinct from (d.reoffer, d.agreement, d.follow_up, d.reoffending);
  end
  $$;
