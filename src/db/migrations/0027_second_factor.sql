-- A second factor for every account with a password: a TOTP authenticator (RFC 6238), and ten
-- one-time recovery codes. A session starts when the password is right and signs the person in
-- only once the second factor is answered; the time of the last full authentication is kept so
-- that exports and security changes can ask for it again (step-up, ADR 0019).

-- One authenticator per account. The secret is encrypted (AES-256-GCM, a key derived from the
-- server's secret), so a copy of the database alone cannot make codes. `pending_secret` is the
-- one being set up (at first sign-in, or when changing app) until a code from it is confirmed.
-- `last_used_step` is the 30-second step of the last code accepted: a code for that step or an
-- earlier one is refused, so a code that was seen cannot be used again.
create table second_factors (
  user_id uuid primary key references users (id) on delete cascade,
  secret text,
  pending_secret text,
  last_used_step bigint,
  enrolled_at timestamptz
);

-- Recovery codes, kept as keyed hashes: shown once, each usable once.
create table recovery_codes (
  id bigint generated always as identity primary key,
  user_id uuid not null references users (id) on delete cascade,
  code_hash text not null,
  created_at timestamptz not null,
  used_at timestamptz
);
create unique index recovery_codes_user_code on recovery_codes (user_id, code_hash);

-- Like sessions, these hold no case data and are read before anyone is acting (the session is
-- not yet signed in), so they are the application's, without row-level security.
grant select, insert, update, delete on second_factors, recovery_codes to waymark_app;

-- A session is signed in once its second factor was answered; until then it only lets its
-- holder answer it. `authenticated_at`: when the password and a code were last given.
alter table sessions add column second_factor_at timestamptz;
alter table sessions add column authenticated_at timestamptz;
-- Sessions that existed before this change had signed in with a password alone: they end.
delete from sessions;

drop function if exists app_session_account(text);
create function app_session_account(session_hash text)
  returns table (created_at timestamptz, last_seen_at timestamptz, user_id uuid, org_id uuid,
    role text, name text, email text, active boolean, org_name text, org_kind text,
    second_factor_at timestamptz, authenticated_at timestamptz)
  language sql stable security definer set search_path = public, pg_temp
  as $$ select s.created_at, s.last_seen_at, u.id, u.org_id, u.role, u.name, u.email, u.active,
          o.name, o.kind, s.second_factor_at, s.authenticated_at
        from sessions s
        join users u on u.id = s.user_id
        join organisations o on o.id = u.org_id
        where s.token_hash = session_hash $$;
revoke all on function app_session_account(text) from public;
grant execute on function app_session_account(text) to waymark_app;
