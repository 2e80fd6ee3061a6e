-- Administration by organisation (docs/adr/0014-administration-by-organisation.md).
-- One "admin" role becomes two: an organisation administrator, who looks after its own
-- organisation's users and API tokens, and the system administrator, who also creates
-- organisations and gives each its first administrator. The rules live in
-- src/domain/administration.ts; this migration enforces them again with row-level security on
-- users, password links and API tokens, and lets an organisation's audit trail record what was
-- done to its people from outside it.

-- Existing administrators administered everything: they become system administrators, each
-- still in the organisation they belonged to.
alter table users drop constraint users_role_check;
update users set role = 'system_admin' where role = 'admin';
alter table users add constraint users_role_check check (role in (
  'practitioner', 'volunteer', 'service_manager', 'referrer', 'commissioner',
  'national_analyst', 'org_admin', 'system_admin'
));

-- The system administrator (in its own organisation or another), or the operator at the
-- command line, who acts from outside every organisation.
create or replace function app_is_outside_administrator() returns boolean
  language sql stable
  as $$ select coalesce(app_role() = 'system_admin' or (app_role() = 'system' and app_org_id() is null), false) $$;

-- The functions below read accounts whatever the acting organisation: they run as the owner
-- (security definer), each answering one narrow question, so the users table itself can hide
-- other organisations' people from everyone.

-- Whether an organisation has an active administrator: until it has, it may be given its first
-- from outside.
create or replace function app_org_has_administrator(org uuid) returns boolean
  language sql stable security definer set search_path = public, pg_temp
  as $$ select exists (
    select 1 from users u
    where u.org_id = org and u.active and u.role in ('org_admin', 'system_admin')
  ) $$;

-- Whether the acting administrator may make a link that sets this account's password: its own
-- organisation's (a system administrator's only by a system administrator), or, from outside,
-- an administrator who has never set a password (src/domain/administration.ts,
-- mayIssuePasswordLink).
create or replace function app_may_set_password_of(target uuid) returns boolean
  language sql stable security definer set search_path = public, pg_temp
  as $$ select exists (
    select 1 from users u
    where u.id = target and (
      (u.org_id = app_org_id()
        and (app_role() = 'system_admin' or (app_role() = 'org_admin' and u.role <> 'system_admin')))
      or (app_is_outside_administrator() and u.org_id is distinct from app_org_id()
        and u.role in ('org_admin', 'system_admin') and u.password_hash is null)
    )
  ) $$;

-- Signing in: the account for an email address, before anyone is acting.
create or replace function app_sign_in_account(address text)
  returns table (id uuid, org_id uuid, role text, name text, password_hash text, active boolean)
  language sql stable security definer set search_path = public, pg_temp
  as $$ select u.id, u.org_id, u.role, u.name, u.password_hash, u.active
        from users u where lower(u.email) = lower(address) $$;

-- Each request: the session's account, read afresh, so a changed role or organisation or a
-- deactivation applies from the next request.
create or replace function app_session_account(session_hash text)
  returns table (created_at timestamptz, last_seen_at timestamptz, user_id uuid, org_id uuid,
    role text, name text, email text, active boolean, org_name text, org_kind text)
  language sql stable security definer set search_path = public, pg_temp
  as $$ select s.created_at, s.last_seen_at, u.id, u.org_id, u.role, u.name, u.email, u.active,
          o.name, o.kind
        from sessions s
        join users u on u.id = s.user_id
        join organisations o on o.id = u.org_id
        where s.token_hash = session_hash $$;

-- A one-time password link: whose it is, while it can still be used.
create or replace function app_password_link_account(link_hash text, at timestamptz)
  returns table (id uuid, email text, org_id uuid, role text, name text, active boolean)
  language sql stable security definer set search_path = public, pg_temp
  as $$ select u.id, u.email, u.org_id, u.role, u.name, u.active
        from password_tokens p join users u on u.id = p.user_id
        where p.token_hash = link_hash and p.used_at is null and p.expires_at > at $$;

-- Email addresses are unique across Waymark, whoever asks.
create or replace function app_email_in_use(address text) returns boolean
  language sql stable security definer set search_path = public, pg_temp
  as $$ select exists (select 1 from users u where lower(u.email) = lower(address)) $$;

-- First-time set-up is offered while nobody can administer the system.
create or replace function app_active_system_administrators() returns bigint
  language sql stable security definer set search_path = public, pg_temp
  as $$ select count(*) from users u
        where u.role = 'system_admin' and u.active and u.password_hash is not null $$;

-- A partner system's bearer token: its organisation, while not revoked.
create or replace function app_api_token(hash text)
  returns table (id uuid, org_id uuid, last_used_at timestamptz, org_name text)
  language sql stable security definer set search_path = public, pg_temp
  as $$ select t.id, t.org_id, t.last_used_at, o.name
        from api_tokens t join organisations o on o.id = t.org_id
        where t.token_hash = hash and t.revoked_at is null $$;

create or replace function app_api_token_used(token uuid, at timestamptz) returns void
  language sql volatile security definer set search_path = public, pg_temp
  as $$ update api_tokens set last_used_at = at where id = token $$;

revoke all on function app_org_has_administrator(uuid), app_may_set_password_of(uuid),
  app_sign_in_account(text), app_session_account(text),
  app_password_link_account(text, timestamptz), app_email_in_use(text),
  app_active_system_administrators(), app_api_token(text),
  app_api_token_used(uuid, timestamptz) from public;
grant execute on function app_org_has_administrator(uuid), app_may_set_password_of(uuid),
  app_sign_in_account(text), app_session_account(text),
  app_password_link_account(text, timestamptz), app_email_in_use(text),
  app_active_system_administrators(), app_api_token(text),
  app_api_token_used(uuid, timestamptz) to waymark_app;

-- Accounts.
alter table users enable row level security;

create policy users_read on users for select to waymark_app using (
  org_id = app_org_id()
  or id = app_user_id()
  -- System administrators are named to everyone signed in: who runs Waymark, and who added
  -- someone to an organisation from outside it.
  or (role = 'system_admin' and app_role() is not null)
  -- From outside, an organisation's administrators only (to give it its first).
  or (role = 'org_admin' and app_is_outside_administrator())
  -- The other side of a referral: who sent it, who decided on it (the referrer's contact at
  -- the service), and who wrote on it.
  or exists (select 1 from referrals r where r.submitted_by = users.id)
  or exists (select 1 from referrals r where r.decided_by = users.id)
  or exists (select 1 from referral_messages m where m.created_by = users.id)
);
create index if not exists referrals_submitted_by on referrals (submitted_by);
create index if not exists referrals_decided_by on referrals (decided_by);
create index if not exists referral_messages_created_by on referral_messages (created_by);

create policy users_add on users for insert to waymark_app with check (
  (org_id = app_org_id()
    and (app_role() = 'system_admin' or (app_role() = 'org_admin' and role <> 'system_admin')))
  or (app_is_outside_administrator() and org_id is distinct from app_org_id()
    and role in ('org_admin', 'system_admin') and not app_org_has_administrator(org_id))
);

create policy users_change on users for update to waymark_app
  using (id = app_user_id() or (org_id = app_org_id() and app_role() in ('org_admin', 'system_admin')))
  with check (
    (id = app_user_id() and org_id = app_org_id() and role = app_role())
    or (org_id = app_org_id()
      and (app_role() = 'system_admin' or (app_role() = 'org_admin' and role <> 'system_admin')))
  );

-- Someone changing their own account (their password, when they last signed in) changes nothing
-- else about it: not their role, organisation, status, training, name or address.
create or replace function users_own_changes_only() returns trigger
  language plpgsql
  as $$
  begin
    if current_user = 'waymark_app' and new.id = app_user_id()
      and not (old.org_id = app_org_id() and app_role() in ('org_admin', 'system_admin'))
      and (new.role, new.org_id, new.active, new.trained_sv_da, new.name, new.email)
        is distinct from (old.role, old.org_id, old.active, old.trained_sv_da, old.name, old.email)
    then
      raise exception 'only an administrator of the organisation may change this account'
        using errcode = '42501';
    end if;
    return new;
  end
  $$;
create trigger users_own_changes_only before update on users
  for each row execute function users_own_changes_only();

-- One-time password links.
alter table password_tokens enable row level security;
create policy password_tokens_administrator on password_tokens to waymark_app
  using (app_may_set_password_of(user_id))
  with check (app_may_set_password_of(user_id));
-- Whoever uses a link acts as its account, to mark it used.
create policy password_tokens_own_read on password_tokens for select to waymark_app
  using (user_id = app_user_id());
create policy password_tokens_own_use on password_tokens for update to waymark_app
  using (user_id = app_user_id())
  with check (user_id = app_user_id());

-- API tokens: an organisation's own administrators issue, list and revoke them; the operator at
-- the command line lists them all and can revoke any (a leaked token is stopped at once).
alter table api_tokens enable row level security;
create policy api_tokens_own on api_tokens to waymark_app
  using (org_id = app_org_id() and app_role() in ('org_admin', 'system_admin'))
  with check (org_id = app_org_id() and app_role() in ('org_admin', 'system_admin'));
create policy api_tokens_operator_read on api_tokens for select to waymark_app
  using (app_role() = 'system' and app_org_id() is null);
create policy api_tokens_operator_revoke on api_tokens for update to waymark_app
  using (app_role() = 'system' and app_org_id() is null)
  with check (revoked_at is not null);

-- The audit trail: each organisation reads its own; the system administrator and the operator
-- also read the events that belong to no organisation (sign-in failures for unknown addresses,
-- the command line's own work). What is done to an organisation's people or tokens from
-- outside it is also written to that organisation's trail, marked so.
drop policy audit_events_select on audit_events;
create policy audit_events_select on audit_events for select to waymark_app
  using (org_id = app_org_id() or (org_id is null and app_is_outside_administrator()));

drop policy audit_events_insert on audit_events;
create policy audit_events_insert on audit_events for insert to waymark_app
  with check (
    org_id is not distinct from app_org_id()
    or (app_is_outside_administrator() and (details ->> 'from_outside') = 'true'
      and (action like 'user.%' or action like 'api_token.%'))
  );
