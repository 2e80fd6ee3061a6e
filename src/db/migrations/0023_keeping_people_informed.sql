-- Keeping people informed: how often the people in a case are told how it is going (a service
-- default, and a person's own interval where it differs), and each update given, with what they
-- were told and how. Also whether a contact's time was given, so one logged without a time is
-- not shown as midday.

alter table service_settings
  add column update_interval_days int not null default 28
    check (update_interval_days between 1 and 365);

alter table case_participants
  add column update_interval_days int check (update_interval_days between 1 and 365);

create table case_updates (
  id uuid primary key default gen_random_uuid(),
  org_id uuid not null references organisations (id),
  case_id uuid not null references cases (id) on delete cascade,
  participant_id uuid not null references case_participants (id) on delete cascade,
  told_on date not null,
  method text not null check (method in ('phone', 'text', 'email', 'letter', 'in_person', 'video', 'prison_visit')),
  what_told text not null check (length(what_told) between 1 and 4000),
  recorded_by uuid references users (id),
  created_at timestamptz not null default now()
);
create index case_updates_participant on case_updates (participant_id, told_on desc);
create index case_updates_case on case_updates (case_id, told_on desc);

-- Visible exactly when the case is, as every other part of a case (migration 0004).
alter table case_updates enable row level security;
create policy case_updates_by_case on case_updates to waymark_app
  using (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer'
    and exists (select 1 from case_allocations a where a.case_id = case_updates.case_id and a.user_id = app_user_id()))))
  with check (org_id = app_org_id() and (app_is_service_staff() or (app_role() = 'volunteer'
    and exists (select 1 from case_allocations a where a.case_id = case_updates.case_id and a.user_id = app_user_id()))));
grant select, insert, update, delete on case_updates to waymark_app;

alter table case_contacts add column time_given boolean not null default true;

-- The date the referrer sees as the case's last update: when its progress last changed or
-- someone in it was last told how it is going (never what was said, nor to whom).
alter table referrals add column last_update_on date;

-- The timeline is told in the order things happened: the day a contact, an offer, an update or
-- a meeting took place, where that is not the day it was recorded.
alter table case_events add column happened_on date;
create index case_events_case_happened on case_events (case_id, happened_on);
