-- The "updates due" queue kept on the case, as the other dated queues are (migration 0010).
--
-- Its count is on the home page and every queue page. It was the only queue still worked out
-- case by case when counted: for each open case, each person kept informed, their last update,
-- else the last time someone spoke with them, else the case's opening, plus their interval.
-- With 100,000 cases in a service that was 896 ms of the 975 ms the ten counts took together
-- (`explain analyze` of the counts statement; `npm run bench -- case-pages`). A case now carries
-- the date, kept in step by statement triggers on what it is worked out from, so the queue is
-- one range of a partial index on cases, like the others.
--
-- The rule is src/domain/keeping-informed.ts (updateDueOn), written in SQL here; the case's
-- Keeping informed tab computes the same from the same rows, and
-- src/features/cases/updates/updates.int.test.ts holds the two together. As in 0010, the
-- triggers run as whoever changes the rows, under the same row-level security: anyone who may
-- change a case's people, contacts or updates may change the case.

alter table cases
  -- The earliest date an update is next due to someone kept informed in the case: the person
  -- harmed or who harmed, while they may be contacted (null when nobody is).
  add column update_due_on date;

-- Set-based, so the same function serves one case after a change and every case at once (the
-- backfill below); a case whose date did not change is not written again.
create or replace function refresh_case_update_due(case_ids uuid[]) returns void
  language sql
  as $$
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
    where c.id = due.id and c.update_due_on is distinct from due.due_on
  $$;

-- The cases of the rows a statement inserted, changed or deleted, handed to the refresh function
-- the trigger names: one call per statement however many rows it wrote (transition tables).
-- Migrations 0010 and 0020 each wrote this for their own refresh; a contact or an update
-- changes only this date, so it is not theirs.
create or replace function refresh_cases_of_rows() returns trigger
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
      execute format('select %I($1)', tg_argv[0]) using touched;
    end if;
    return null;
  end
  $$;

do $$
declare
  child text;
begin
  foreach child in array array['case_participants', 'case_contacts', 'case_updates'] loop
    execute format(
      'create trigger %1$s_update_due_insert after insert on %1$s
         referencing new table as new_rows
         for each statement execute function refresh_cases_of_rows(''refresh_case_update_due'')', child);
    execute format(
      'create trigger %1$s_update_due_update after update on %1$s
         referencing new table as new_rows old table as old_rows
         for each statement execute function refresh_cases_of_rows(''refresh_case_update_due'')', child);
    execute format(
      'create trigger %1$s_update_due_delete after delete on %1$s
         referencing old table as old_rows
         for each statement execute function refresh_cases_of_rows(''refresh_case_update_due'')', child);
  end loop;
end
$$;

-- The service's interval, when it is set or changed: every case of the service, closed ones too
-- (a case reopened is due from the same rule).
create or replace function service_interval_to_cases() returns trigger
  language plpgsql
  as $$
  begin
    perform refresh_case_update_due(array(select id from cases where org_id = new.org_id));
    return null;
  end
  $$;

create trigger service_settings_update_due_insert after insert on service_settings
  for each row execute function service_interval_to_cases();
create trigger service_settings_update_due_update after update of update_interval_days
  on service_settings
  for each row when (old.update_interval_days is distinct from new.update_interval_days)
  execute function service_interval_to_cases();

-- When the case opened is where the clock starts for someone never told or spoken to.
create or replace function case_opening_to_update_due() returns trigger
  language plpgsql
  as $$
  begin
    perform refresh_case_update_due(array[new.id]);
    return null;
  end
  $$;

create trigger cases_update_due_opened after update of created_at on cases
  for each row when (old.created_at is distinct from new.created_at)
  execute function case_opening_to_update_due();

-- The cases there are now.
select refresh_case_update_due(array_agg(id)) from cases;

create index cases_org_update_due on cases (org_id, update_due_on)
  where stage <> 'closed' and update_due_on is not null;
