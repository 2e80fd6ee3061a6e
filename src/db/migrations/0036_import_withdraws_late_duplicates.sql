-- An import on a PostgreSQL server writes its referrals straight into referrals, in one
-- transaction that commits them all together (src/features/imports/one-transaction.ts). A
-- referral another door commits meanwhile may repeat one of them after the import checked it;
-- before committing, the import takes such repeats out again, as the staged import drops them
-- before publishing.
--
-- The application role may not delete referrals, and should not be able to: this function is
-- the one narrow exception. It deletes only referrals written by an import of the acting
-- service that is still running (so uncommitted, and never seen by anyone), and only those that
-- repeat a referral of the service from anywhere else. Their parties go with them (on delete
-- cascade).
create or replace function import_withdraw_late_duplicates(job uuid) returns integer
  language plpgsql
  volatile
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    withdrawn integer;
  begin
    if not app_is_service_staff() or not exists (
      select 1 from import_jobs j
      where j.id = job and j.org_id = app_org_id() and j.status = 'running'
    ) then
      raise exception 'not a running import of this service' using errcode = '42501';
    end if;
    delete from referrals r
    where r.import_job_id = job
      and r.org_id = app_org_id()
      and exists (
        select 1 from referrals other
        where other.org_id = r.org_id
          and other.duplicate_key = r.duplicate_key
          and other.import_job_id is distinct from job
      );
    get diagnostics withdrawn = row_count;
    return withdrawn;
  end
  $$;

revoke all on function import_withdraw_late_duplicates(uuid) from public;
grant execute on function import_withdraw_late_duplicates(uuid) to waymark_app;
