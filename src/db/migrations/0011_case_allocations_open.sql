-- "My cases" with a hundred thousand cases (figures in the README). A practitioner's
-- allocations accumulate over the years; the queue wants the few still open. An allocation now
-- says whether its case is open, kept in step with the case's stage by triggers, so the queue
-- and its count read only the open allocations of one person.
--
-- The triggers run as the owner of the tables (security definer): the flag must follow every
-- change of stage, whoever makes it, and it says nothing that the case itself does not.

alter table case_allocations add column case_open boolean not null default true;

update case_allocations a set case_open = false
from cases c
where c.id = a.case_id and c.stage = 'closed';

create or replace function case_allocations_follow_stage() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    update case_allocations set case_open = (new.stage <> 'closed')
    where case_id = new.id and case_open is distinct from (new.stage <> 'closed');
    return null;
  end
  $$;

create trigger cases_allocations_open after update of stage on cases
  for each row when (old.stage is distinct from new.stage)
  execute function case_allocations_follow_stage();

create or replace function case_allocation_open_from_case() returns trigger
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    select c.stage <> 'closed' into new.case_open from cases c where c.id = new.case_id;
    new.case_open := coalesce(new.case_open, true);
    return new;
  end
  $$;

create trigger case_allocations_open before insert on case_allocations
  for each row execute function case_allocation_open_from_case();

create index case_allocations_user_open on case_allocations (user_id, case_id) where case_open;
