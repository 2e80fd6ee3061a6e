-- Four more ways a case ends, which an attrition analysis needs told apart from "another
-- reason" (src/domain/case-lifecycle.ts defines each): the person who harmed denies
-- responsibility, there is no identifiable victim, the referrer withdrew the referral, and a
-- participant died.
alter table cases drop constraint if exists cases_closure_outcome_check;
alter table cases add constraint cases_closure_outcome_check check (closure_outcome in (
  'completed', 'victim_declined', 'offender_declined', 'not_suitable', 'could_not_contact',
  'withdrew_consent', 'moved_away', 'harmer_denies', 'no_identifiable_victim',
  'referrer_withdrew', 'died', 'other'
));

-- Whether an organisation may be offered as where a referral came from (or who attended an
-- awareness session): not the national analysis unit nor the organisation that administers
-- Waymark, which are "other" organisations told apart by their people. It answers yes or no
-- and nothing about the people, so it reads them as the owner (security definer): a referrer
-- filling in the form may not read another organisation's users.
create or replace function app_org_may_refer(org uuid) returns boolean
  language sql
  stable
  security definer
  set search_path = public, pg_temp
  as $$
    select not exists (
      select 1 from users u
      where u.org_id = org and u.role in ('national_analyst', 'system_admin')
    )
  $$;
grant execute on function app_org_may_refer(uuid) to waymark_app;

-- A service manager marks the service's staff as trained for sexual violence and domestic
-- abuse cases (the sign-off follows it), and changes nothing else about their accounts.
create policy users_training_by_manager on users for update to waymark_app
  using (org_id = app_org_id() and app_role() = 'service_manager')
  with check (org_id = app_org_id() and app_role() = 'service_manager');

create or replace function users_manager_changes_training_only() returns trigger
  language plpgsql
  as $$
  begin
    if current_user = 'waymark_app' and app_role() = 'service_manager'
      and new.id is distinct from app_user_id()
      and (to_jsonb(new) - 'trained_sv_da') is distinct from (to_jsonb(old) - 'trained_sv_da')
    then
      raise exception 'a service manager may change only whether someone is trained'
        using errcode = '42501';
    end if;
    return new;
  end
  $$;
create trigger users_manager_changes_training_only before update on users
  for each row execute function users_manager_changes_training_only();
