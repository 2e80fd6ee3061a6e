-- Request rate limits (the API's per token and per address, the sign-in, second-factor and
-- public questionnaire forms') counted in the database rather than in one process's memory, so
-- that every Waymark process behind a proxy counts the same requests (ADR 0023). A key is an
-- HMAC of what is limited (a token, an address) under the server's secret, never the value
-- itself; a window lasts a minute, and windows an hour old are pruned as requests arrive.
create table rate_limit_windows (
  key text primary key,
  started_at timestamptz not null,
  hits integer not null check (hits > 0)
);
create index rate_limit_windows_started on rate_limit_windows (started_at);
grant select, insert, update, delete on rate_limit_windows to waymark_app;
