-- CSV imports of referrals: what staging then publishing needs beyond migration 0002.
--   * staged rows carry their duplicate key, unique per job, so a file's repeated rows are found
--     by the database instead of a set held in memory;
--   * rejected rows are kept per job (for the command line to write out, and for a manager to
--     download from the web), in chunks like the staged rows, never as one large value;
--   * byte counts for a progress bar, the file's header row for the rejects file, and an error
--     as a translation key with its parameters.

-- Nothing has staged rows before this migration; any there would be from an interrupted run.
delete from import_staging;
alter table import_staging add column duplicate_key text not null;
create unique index import_staging_duplicate_key on import_staging (job_id, duplicate_key);

alter table import_jobs
  add column bytes_total bigint not null default 0,
  add column bytes_read bigint not null default 0,
  add column header text,
  add column error_params jsonb;
create index import_jobs_running on import_jobs (org_id, updated_at) where status = 'running';

create table import_rejects (
  job_id uuid not null references import_jobs (id) on delete cascade,
  org_id uuid not null references organisations (id),
  row_number int not null,
  -- The rejected row as one CSV line: the reason first, then the row's values as they were.
  line text not null,
  primary key (job_id, row_number)
);

alter table import_rejects enable row level security;
create policy import_rejects_org on import_rejects to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());

grant select, insert, delete on import_rejects to waymark_app;
