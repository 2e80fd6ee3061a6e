-- Who may read an account, with the referral look-ups planned once per connection.
--
-- users_read (migration 0012) lets the actor read an account named on a referral they can see:
-- who sent it, who decided on it, who wrote on it. It said so in three EXISTS subqueries, and
-- row-level security is added to a query before it is planned, so every statement that named an
-- account (a case's updater, its allocations, its notes' authors, the signer of an assessment)
-- was planned with the policies of referrals twice and of referral_messages, which looks in
-- referrals again: 1.5–2.3 ms of planning for a statement that runs in 0.1 ms (0.06 ms without
-- the join), on a PostgreSQL server with 20,000 cases, and three to four such statements on every
-- case page. The embedded database pays more.
--
-- The same three questions, asked by a PL/pgSQL function as the actor (security invoker: the
-- referrals and referral_messages policies still decide what the actor can see, as before), are
-- planned once per connection and only run for an account the cheaper conditions did not
-- already allow. force_generic_plan keeps that one plan, as in migration 0043.
create function app_account_named_on_visible_referral(account uuid) returns boolean
  language plpgsql
  stable
  set plan_cache_mode = force_generic_plan
  as $$
  begin
    return exists (select 1 from referrals r where r.submitted_by = account)
      or exists (select 1 from referrals r where r.decided_by = account)
      or exists (select 1 from referral_messages m where m.created_by = account);
  end
  $$;

revoke all on function app_account_named_on_visible_referral(uuid) from public;
grant execute on function app_account_named_on_visible_referral(uuid) to waymark_app;

drop policy users_read on users;
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
  or app_account_named_on_visible_referral(id)
);
