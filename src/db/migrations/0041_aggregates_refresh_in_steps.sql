-- The aggregate store's refresh in short steps (ADR 0012, "Later: a refresh in steps").
--
-- refresh_aggregates() recomputed, in one transaction, the service months of every record
-- marked since the last refresh, and with more than 20,000 marked it rebuilt every service's
-- figures instead. After one service imported 100,000 referrals, every other request on the
-- embedded database waited for that rebuild (6 s with 90,000 referrals), and on a national
-- server it would have read every referral in the country (about 25 minutes at ten million)
-- where that service's own months would do.
--
-- Now each call is one short step, and the caller (src/features/aggregates/service.ts) calls it
-- again, each time in a transaction of its own, until it says it is done:
--   1. while marks remain, claim the oldest (up to max_subjects records), note in the ledger the
--      months they count in now, and add those months and the months they counted in before to
--      aggregate_pending_buckets;
--   2. once every mark is claimed, recompute the pending service months one at a time, until
--      max_ms has passed.
-- A service month is recomputed once however many of its records were marked, since months wait
-- until the marks are all claimed. The figures are said to be up to date (aggregate_status.
-- refreshed_at) only when no mark and no pending month is left. Readers meanwhile see each month
-- either as it was or as it is now, never half of one (a month is deleted and written again in
-- one transaction); a report's "figures as at" still names the last complete refresh.

-- The service months still to recompute. Nobody but the refresh reads it.
create table aggregate_pending_buckets (
  org_id uuid not null,
  month date not null,
  primary key (org_id, month)
);
alter table aggregate_pending_buckets enable row level security;
create policy aggregate_pending_buckets_nobody on aggregate_pending_buckets to waymark_app using (false);

-- A step claims every mark of the subjects it takes on.
create index aggregate_dirty_subject on aggregate_dirty (subject_id);

-- Claims the subjects of the oldest marks up to through_mark (at most max_subjects of them),
-- with every mark of theirs up to through_mark, so that a refresh counts each subject once:
-- records where they count now in the ledger, and which months must be recomputed. How many
-- subjects it claimed.
create or replace function aggregate_claim_marks(through_mark bigint, max_subjects int) returns int
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    claimed int;
    src record;
  begin
    -- The claimed subjects as a table the planner knows the size of, joined to the marks, each
    -- view and the ledger by index or by hash. (Deleted by `subject_id in (the subjects of the
    -- oldest marks)`, the marks were planned as a loop over those subjects for every mark, the
    -- statistics still saying the table was empty: 39 s a step of 2,000, with 60,000 marked.)
    drop table if exists pg_temp.aggregate_claimed;
    create temp table aggregate_claimed (subject_id uuid primary key) on commit drop;
    insert into aggregate_claimed (subject_id)
    select distinct m.subject_id from (
      select d.subject_id from aggregate_dirty d
      where d.id <= through_mark order by d.id limit max_subjects
    ) m;
    get diagnostics claimed = row_count;
    if claimed = 0 then
      return 0;
    end if;
    analyze aggregate_claimed;
    -- Every mark of theirs up to through_mark, including one committed since they were picked:
    -- their months are read after this, so the change it marks is counted.
    delete from aggregate_dirty d using aggregate_claimed c
    where d.subject_id = c.subject_id and d.id <= through_mark;
    drop table if exists pg_temp.aggregate_refresh_months;
    create temp table aggregate_refresh_months (subject_id uuid, org_id uuid, month date,
      primary key (subject_id, org_id, month)) on commit drop;
    for src in select s.source_view from aggregate_figure_sources s order by s.figure loop
      execute format($sql$
        insert into aggregate_refresh_months (subject_id, org_id, month)
        select distinct v.subject_id, v.org_id, aggregate_month(v.on_date) from %I v
        where v.subject_id in (select c.subject_id from aggregate_claimed c) and v.on_date is not null
        on conflict do nothing
      $sql$, src.source_view);
    end loop;
    insert into aggregate_pending_buckets (org_id, month)
    select l.org_id, l.month from aggregate_subject_buckets l
    where l.subject_id in (select c.subject_id from aggregate_claimed c)
    union
    select m.org_id, m.month from aggregate_refresh_months m
    on conflict do nothing;
    delete from aggregate_subject_buckets l using aggregate_claimed c where l.subject_id = c.subject_id;
    insert into aggregate_subject_buckets (subject_id, org_id, month)
    select m.subject_id, m.org_id, m.month from aggregate_refresh_months m;
    return claimed;
  end
  $$;

-- Recomputes pending service months one at a time (at least one, if any is pending) until
-- max_ms has passed; how many it recomputed.
create or replace function aggregate_recompute_pending(max_ms int) returns int
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  declare
    started timestamptz := clock_timestamp();
    done int := 0;
    bucket record;
  begin
    drop table if exists pg_temp.aggregate_refresh_buckets;
    create temp table aggregate_refresh_buckets (org_id uuid, month date, primary key (org_id, month))
      on commit drop;
    loop
      delete from aggregate_pending_buckets p
      where (p.org_id, p.month) = (
        select n.org_id, n.month from aggregate_pending_buckets n order by n.org_id, n.month limit 1
      )
      returning p.org_id, p.month into bucket;
      exit when not found;
      delete from aggregate_refresh_buckets;
      insert into aggregate_refresh_buckets (org_id, month) values (bucket.org_id, bucket.month);
      perform aggregate_recompute_buckets();
      done := done + 1;
      exit when clock_timestamp() - started >= make_interval(secs => max_ms / 1000.0);
    end loop;
    return done;
  end
  $$;

drop function refresh_aggregates(int);
drop function refresh_marked_aggregates(int);

-- One step of a refresh. through_mark: the newest mark this refresh claims (null on its first
-- step: the newest there is now, returned as `through` for the steps after), so that a refresh
-- ends even while work goes on marking records. `done`: nothing more for this refresh to do (or
-- another refresh holds the lock, or an import is publishing: see migration 0040).
create or replace function refresh_aggregates(
  max_subjects int default 2000,
  max_ms int default 250,
  through_mark bigint default null
)
  returns table (subjects int, buckets int, rebuilt boolean, through bigint, done boolean)
  language plpgsql
  security definer
  set search_path = public, pg_temp
  as $$
  begin
    subjects := 0;
    buckets := 0;
    rebuilt := false;
    through := through_mark;
    done := true;
    -- The store is read past row-level security: while an import publishes, the rows it has
    -- written so far are hidden from everyone else and may yet be withdrawn. Their marks wait.
    if exists (
      select 1 from import_jobs j
      where j.status = 'running'
        and j.publishing_since is not null
        and j.updated_at > now() - interval '2 minutes'
    ) or not pg_try_advisory_xact_lock(7270014) then
      return next;
      return;
    end if;
    -- New bank holidays change working days everywhere: everything again.
    if refresh_working_day_calendar() then
      perform rebuild_aggregates();
      delete from aggregate_pending_buckets;
      rebuilt := true;
      return next;
      return;
    end if;
    if through is null then
      select max(d.id) into through from aggregate_dirty d;
    end if;
    if through is not null then
      subjects := aggregate_claim_marks(through, max_subjects);
    end if;
    -- Months wait until every mark is claimed, so that each is recomputed once.
    if exists (select 1 from aggregate_dirty d where d.id <= through) then
      done := false;
      return next;
      return;
    end if;
    buckets := aggregate_recompute_pending(max_ms);
    done := not exists (select 1 from aggregate_pending_buckets);
    if done and not exists (select 1 from aggregate_dirty) then
      update aggregate_status set refreshed_at = now();
    end if;
    return next;
  end
  $$;

revoke all on function aggregate_claim_marks(bigint, int), aggregate_recompute_pending(int),
  refresh_aggregates(int, int, bigint) from public;
grant execute on function refresh_aggregates(int, int, bigint) to waymark_app;
