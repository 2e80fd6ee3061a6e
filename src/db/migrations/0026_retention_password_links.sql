-- Retention removes one-time password links once they have ended (used or expired). Row-level
-- security (0012) shows a password link only to the administrators who may make it and to its
-- own account, so the operator's retention run, acting for no organisation, counts and deletes
-- the ended ones through this one function, which returns a number and never a link.
create or replace function app_retention_password_links(ended_before timestamptz, remove boolean)
  returns bigint
  language plpgsql security definer set search_path = public, pg_temp
  as $$
declare
  n bigint;
begin
  if not coalesce(app_role() = 'system' and app_org_id() is null, false) then
    raise exception 'only the retention run removes ended password links' using errcode = '42501';
  end if;
  if remove then
    delete from password_tokens where coalesce(used_at, expires_at) < ended_before;
    get diagnostics n = row_count;
  else
    select count(*) into n from password_tokens where coalesce(used_at, expires_at) < ended_before;
  end if;
  return n;
end
$$;
revoke all on function app_retention_password_links(timestamptz, boolean) from public;
grant execute on function app_retention_password_links(timestamptz, boolean) to waymark_app;
