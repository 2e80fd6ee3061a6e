-- Retention: how long each kind of record is kept (src/domain/retention.ts says what each kind
-- is and whether it is anonymised or deleted), when a case or referral was anonymised, and the
-- scheduled jobs the server runs (claimed in the database, so several processes run each once).

create table retention_policies (
  kind text primary key check (kind in (
    'closed_cases', 'declined_referrals', 'questionnaire_links', 'sessions', 'outbox',
    'sign_in_attempts', 'referral_drafts', 'one_time_links', 'import_rejects'
  )),
  period text not null check (period ~ '^[1-9][0-9]{0,3}[dmy]$'),
  updated_at timestamptz not null default now(),
  updated_by text
);
insert into retention_policies (kind, period) values
  ('closed_cases', '6y'),
  ('declined_referrals', '2y'),
  ('questionnaire_links', '90d'),
  ('sessions', '30d'),
  ('outbox', '90d'),
  ('sign_in_attempts', '90d'),
  ('referral_drafts', '30d'),
  ('one_time_links', '30d'),
  ('import_rejects', '30d')
on conflict (kind) do nothing;

alter table cases add column anonymised_at timestamptz;
alter table referrals add column anonymised_at timestamptz;
create index cases_retention_due on cases (org_id, closed_on)
  where stage = 'closed' and anonymised_at is null;
create index referrals_retention_due on referrals (org_id, decided_at)
  where status = 'declined' and anonymised_at is null;
create index notifications_created on notifications (created_at);
create index sessions_last_seen on sessions (last_seen_at);
create index sign_in_attempts_when on sign_in_attempts (attempted_at);

create table scheduled_jobs (
  name text primary key,
  last_started_at timestamptz,
  last_finished_at timestamptz,
  last_outcome text check (last_outcome in ('done', 'failed')),
  last_report jsonb
);

-- Policies and jobs are the command line's and the scheduler's (the 'system' actor) to change;
-- anyone acting may read the policies.
alter table retention_policies enable row level security;
create policy retention_policies_read on retention_policies for select to waymark_app using (true);
create policy retention_policies_change on retention_policies for update to waymark_app
  using (app_role() = 'system') with check (app_role() = 'system');
alter table scheduled_jobs enable row level security;
create policy scheduled_jobs_system on scheduled_jobs to waymark_app
  using (app_role() = 'system') with check (app_role() = 'system');
grant select, update on retention_policies to waymark_app;
grant select, insert, update on scheduled_jobs to waymark_app;

-- What anonymising and deleting needs beyond what the services already may do, granted to the
-- system actor only, within the organisation it acts for.
grant delete on persons, referral_messages, questionnaire_links, notifications to waymark_app;
grant update on questionnaire_responses to waymark_app;
create policy referral_messages_retention on referral_messages for delete to waymark_app
  using (org_id = app_org_id() and app_role() = 'system');
create policy questionnaire_links_retention on questionnaire_links for delete to waymark_app
  using (org_id = app_org_id() and app_role() = 'system');
create policy questionnaire_responses_retention on questionnaire_responses for update to waymark_app
  using (org_id = app_org_id() and app_role() = 'system')
  with check (org_id = app_org_id() and app_role() = 'system');
-- Staff's broader policies on these tables cover every command; these grants are for retention
-- alone, so a restrictive policy keeps them to the system actor.
create policy questionnaire_responses_retention_only on questionnaire_responses as restrictive
  for update to waymark_app using (app_role() = 'system');
create policy persons_delete_retention_only on persons as restrictive
  for delete to waymark_app using (app_role() = 'system');
create policy case_transfers_retention on case_transfers for update to waymark_app
  using (from_org_id = app_org_id() and app_role() = 'system')
  with check (from_org_id = app_org_id());
create policy referral_drafts_retention on referral_drafts for delete to waymark_app
  using (org_id = app_org_id() and app_role() = 'system');
create policy referral_drafts_retention_read on referral_drafts for select to waymark_app
  using (org_id = app_org_id() and app_role() = 'system');
