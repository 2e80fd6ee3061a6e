-- On the embedded database, where every request shares one connection, an import publishes its
-- staged rows in batches, each a short transaction, instead of one transaction that held every
-- other request for as long as it took (15 s for 100,000 rows; ADR 0025). The referrals of a
-- batch are written as they will stay, but nobody sees them until a last short transaction marks
-- the job done: an import still appears whole or not at all.
--
-- What hides them is the job, not the rows: a referral whose import is publishing
-- (import_jobs.publishing_since set, status still 'running') fails the restrictive policy below
-- for every reader but the import's own batches, which name their job in
-- `waymark.publishing_import`. Marking the job done shows every row at once, in one row's write,
-- where clearing a flag on each referral would have been a second write of the whole import.
--
-- An import that fails while publishing takes its referrals out again
-- (import_withdraw_unpublished), in the transaction that marks it failed; one whose process
-- died keeps them hidden until the sweep that marks it failed does the same.
--
-- On a PostgreSQL server an import writes in one transaction (publishing_since stays null): its
-- rows are hidden by not being committed, and nothing here touches it.

alter table import_jobs add column publishing_since timestamptz;

-- The imports whose referrals nobody may see yet: publishing, not done, and not the caller's own.
-- Security definer, so a referrer (who cannot read the service's jobs) is held to it as well.
create or replace function app_unpublished_imports() returns uuid[]
  language sql
  stable
  security definer
  set search_path = public, pg_temp
  as $$
    select coalesce(array_agg(j.id), '{}')
    from import_jobs j
    where j.status = 'running'
      and j.publishing_since is not null
      and j.id::text is distinct from nullif(current_setting('waymark.publishing_import', true), '')
  $$;
revoke all on function app_unpublished_imports() from public;
grant execute on function app_unpublished_imports() to waymark_app;

-- Restrictive: held in addition to every permissive policy of referrals, for every reader. The
-- sub-select makes the list one look-up a statement (an InitPlan), not one a row.
create policy referrals_published on referrals as restrictive for select to waymark_app
  using (import_job_id is null or import_job_id <> all ((select app_unpublished_imports())::uuid[]));

-- Whether `job` is a running import of the service acting, by its staff: the only imports
-- whose referrals the two functions below may take out.
create or replace function app_running_import(job uuid) returns boolean
  language sql
  stable
  security definer
  set search_path = public, pg_temp
  as $$
    select app_is_service_staff() and exists (
      select 1 from import_jobs j
      where j.id = job and j.org_id = app_org_id() and j.status = 'running')
  $$;
revoke all on function app_running_import(uuid) from public;

-- Takes a publishing import's referrals out again (with their parties, on delete cascade): when
-- it fails, or when the sweep finds its process gone. Only a job of the acting service that is
-- still running and has begun publishing; `counting` only counts (a dry run of the sweep).
create or replace function import_withdraw_unpublished(job uuid, counting boolean default false)
  returns integer
  language plpgsql
  volatile
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    withdrawn integer;
  begin
    if not app_running_import(job) then
      raise exception 'not a running import of this service' using errcode = '42501';
    end if;
    if not exists (select 1 from import_jobs j where j.id = job and j.publishing_since is not null)
    then
      return 0;
    end if;
    if counting then
      select count(*) into withdrawn from referrals r
      where r.import_job_id = job and r.org_id = app_org_id();
    else
      delete from referrals r where r.import_job_id = job and r.org_id = app_org_id();
      get diagnostics withdrawn = row_count;
    end if;
    return withdrawn;
  end
  $$;
revoke all on function import_withdraw_unpublished(uuid, boolean) from public;
grant execute on function import_withdraw_unpublished(uuid, boolean) to waymark_app;

-- Each batch drops the staged rows that repeat a referral the service already shows. What it
-- cannot see is a referral another door writes later that repeats a row already published but
-- hidden: the last transaction takes those rows of the import out, looking only at referrals
-- written since publishing began (with a minute's margin), not at every row of the import.
create or replace function import_withdraw_repeated_since_publishing(job uuid) returns integer
  language plpgsql
  volatile
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    since timestamptz;
    withdrawn integer;
  begin
    if not app_running_import(job) then
      raise exception 'not a running import of this service' using errcode = '42501';
    end if;
    select j.publishing_since into since from import_jobs j where j.id = job;
    if since is null then
      return 0;
    end if;
    delete from referrals r
    where r.import_job_id = job
      and r.org_id = app_org_id()
      and r.duplicate_key in (
        select other.duplicate_key from referrals other
        where other.org_id = app_org_id()
          and other.created_at >= since - interval '1 minute'
          and other.import_job_id is distinct from job);
    get diagnostics withdrawn = row_count;
    return withdrawn;
  end
  $$;
revoke all on function import_withdraw_repeated_since_publishing(uuid) from public;
grant execute on function import_withdraw_repeated_since_publishing(uuid) to waymark_app;

-- The aggregate store reads referrals as its owner, past row-level security: a refresh while an
-- import publishes would count rows nobody can see yet (and that may be withdrawn). It waits
-- instead: the marks the rows left stay for the next refresh, which runs once the import is
-- done. A publishing import whose process died (no progress for two minutes, sweep.ts'
-- STALE_AFTER) does not hold the store up.
alter function refresh_aggregates(int) rename to refresh_marked_aggregates;
revoke execute on function refresh_marked_aggregates(int) from public, waymark_app;

create or replace function refresh_aggregates(max_subjects int default 20000)
  returns table (subjects int, buckets int, rebuilt boolean)
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    if exists (
      select 1 from import_jobs j
      where j.status = 'running'
        and j.publishing_since is not null
        and j.updated_at > now() - interval '2 minutes'
    ) then
      subjects := 0;
      buckets := 0;
      rebuilt := false;
      return next;
      return;
    end if;
    return query select * from refresh_marked_aggregates(max_subjects);
  end
  $$;
revoke execute on function refresh_aggregates(int) from public;
grant execute on function refresh_aggregates(int) to waymark_app;
