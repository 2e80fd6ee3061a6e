-- An import's staged rows as the rows they will become (used where every request shares one
-- connection, the embedded database, and for a check without importing): a staged referral has
-- every column of referrals, with its defaults, and a staged party every column of
-- referral_parties, each with the import job it belongs to. A chunk is copied in (COPY into a
-- temporary table, then INSERT … SELECT), and publishing is one INSERT … SELECT a table, with
-- nothing to unpack: the JSON documents import_staging held cost more to turn back into rows
-- than writing the rows themselves (src/features/imports/copy-chunks.ts; figures in the README).
--
-- A migration that adds a column to referrals or referral_parties adds it here too: the row
-- types' test (src/db/schema.int.test.ts) fails until it does, since the staged tables' row
-- types are those of referrals and referral_parties.
--
-- Staged rows are only ever those of a running import; any left in import_staging were of an
-- interrupted one, which the next import's sweep marks failed.
drop table import_staging;

create table import_staged_referrals (
  job_id uuid not null references import_jobs (id) on delete cascade,
  like referrals including defaults
);
alter table import_staged_referrals add primary key (id);
create unique index import_staged_referrals_key on import_staged_referrals (job_id, duplicate_key);

create table import_staged_parties (
  job_id uuid not null references import_jobs (id) on delete cascade,
  like referral_parties including defaults
);
create index import_staged_parties_job on import_staged_parties (job_id, referral_id);

alter table import_staged_referrals enable row level security;
alter table import_staged_parties enable row level security;
create policy import_staged_referrals_org on import_staged_referrals to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());
create policy import_staged_parties_org on import_staged_parties to waymark_app
  using (org_id = app_org_id() and app_is_service_staff())
  with check (org_id = app_org_id() and app_is_service_staff());
grant select, insert, delete on import_staged_referrals, import_staged_parties to waymark_app;
