-- The audit trail made tamper-evident (docs/adr/0013-audit-hash-chain.md).
--
-- Every event carries where the request came from (address) and its place in its organisation's
-- chain: chain_seq (1, 2, 3... with no gaps), prev_hash (the hash of the event before it in the
-- chain) and hash = sha256(prev_hash || '\n' || canonical content). A trigger fills these in on
-- insert, serialised per chain by a row lock on the chain's head in audit_chain_heads, so no
-- caller can choose them. The application role may only insert and read; a second trigger
-- refuses any update, delete or truncate from anyone, so changing history needs the owner to
-- drop a trigger first, and `waymark audit verify` then names the first row that no longer fits.

alter table audit_events
  add column address text,
  add column chain_seq bigint,
  add column prev_hash text,
  add column hash text;

-- Events written from now on say who, what, when, subject, outcome, request id and address.
-- Rows written before this migration are left as they were (NOT VALID checks only new rows).
alter table audit_events add constraint audit_events_complete
  check (request_id is not null and address is not null and entity_type is not null) not valid;

-- One chain per organisation; events with no organisation (sign-in attempts before anyone is
-- known, the command line acting for no organisation) share the chain of the all-zero id.
create or replace function audit_chain_id(org uuid) returns uuid
  language sql immutable
  as $$ select coalesce(org, '00000000-0000-0000-0000-000000000000'::uuid) $$;

-- A field in the canonical content: its length in bytes, a colon and the text; '-' for null.
-- Length-prefixing makes the encoding unambiguous whatever characters the values hold.
create or replace function audit_field(value text) returns text
  language sql immutable
  as $$ select case when value is null then '-' else octet_length(value)::text || ':' || value end $$;

create or replace function audit_event_hash(
  prev_hash text, id bigint, chain_seq bigint, occurred_at timestamptz, org_id uuid,
  user_id uuid, action text, entity_type text, entity_id text, outcome text, request_id text,
  address text, details jsonb
) returns text
  language sql immutable
  as $$
    select encode(sha256(convert_to(
      prev_hash || E'\n' ||
      audit_field(id::text) || audit_field(chain_seq::text) ||
      audit_field(to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')) ||
      audit_field(org_id::text) || audit_field(user_id::text) || audit_field(action) ||
      audit_field(entity_type) || audit_field(entity_id) || audit_field(outcome) ||
      audit_field(request_id) || audit_field(address) || audit_field(details::text),
      'UTF8')), 'hex')
  $$;

-- The last event of each chain. Only the owner (through the trigger below) reads or writes it.
create table audit_chain_heads (
  chain_id uuid primary key,
  seq bigint not null,
  hash text not null,
  updated_at timestamptz not null default now()
);
alter table audit_chain_heads enable row level security;

-- The hash every chain starts from.
create or replace function audit_chain_genesis() returns text
  language sql immutable
  as $$ select repeat('0', 64) $$;

-- Chain the events written before this migration, oldest first, one chain per organisation.
do $$
declare
  event record;
  heads jsonb := '{}'::jsonb;
  chain uuid;
  seq bigint;
  prev text;
  next_hash text;
begin
  for event in select * from audit_events order by id loop
    chain := audit_chain_id(event.org_id);
    seq := coalesce((heads -> chain::text ->> 'seq')::bigint, 0) + 1;
    prev := coalesce(heads -> chain::text ->> 'hash', audit_chain_genesis());
    next_hash := audit_event_hash(prev, event.id, seq, event.occurred_at, event.org_id,
      event.user_id, event.action, event.entity_type, event.entity_id, event.outcome,
      event.request_id, event.address, event.details);
    update audit_events set chain_seq = seq, prev_hash = prev, hash = next_hash
      where id = event.id;
    heads := jsonb_set(heads, array[chain::text], jsonb_build_object('seq', seq, 'hash', next_hash));
  end loop;
  insert into audit_chain_heads (chain_id, seq, hash)
    select key::uuid, (value ->> 'seq')::bigint, value ->> 'hash' from jsonb_each(heads);
end
$$;

alter table audit_events
  alter column chain_seq set default 0,
  alter column chain_seq set not null,
  alter column prev_hash set default '',
  alter column prev_hash set not null,
  alter column hash set default '',
  alter column hash set not null;
create unique index audit_events_chain on audit_events (audit_chain_id(org_id), chain_seq);
-- "Who has seen this case": events about the case itself or about a record inside it.
create index audit_events_case on audit_events ((details ->> 'case')) where details ? 'case';

-- Appends the new event to its chain. SECURITY DEFINER: the application role can neither read
-- nor write the chain heads, only cause this function to extend them. The head row's lock is
-- held until the inserting transaction ends, so events of one organisation are chained in the
-- order their transactions commit, and a rolled-back event leaves no gap.
create or replace function audit_chain_append() returns trigger
  language plpgsql security definer
  set search_path = public, pg_temp
  as $$
declare
  chain uuid := audit_chain_id(new.org_id);
  head record;
begin
  insert into audit_chain_heads (chain_id, seq, hash)
    values (chain, 0, audit_chain_genesis())
    on conflict (chain_id) do nothing;
  select seq, hash into head from audit_chain_heads where chain_id = chain for update;
  new.chain_seq := head.seq + 1;
  new.prev_hash := head.hash;
  new.hash := audit_event_hash(new.prev_hash, new.id, new.chain_seq, new.occurred_at, new.org_id,
    new.user_id, new.action, new.entity_type, new.entity_id, new.outcome, new.request_id,
    new.address, new.details);
  update audit_chain_heads set seq = new.chain_seq, hash = new.hash, updated_at = now()
    where chain_id = chain;
  return new;
end
$$;
revoke all on function audit_chain_append() from public;

create trigger audit_events_chain before insert on audit_events
  for each row execute function audit_chain_append();

-- History is append-only for every role. The owner would have to drop this trigger to change
-- it, and the chain would still show where.
create or replace function audit_events_refuse_change() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'audit events cannot be changed or deleted'
    using errcode = 'insufficient_privilege';
end
$$;

create trigger audit_events_immutable before update or delete on audit_events
  for each row execute function audit_events_refuse_change();
create trigger audit_events_no_truncate before truncate on audit_events
  for each statement execute function audit_events_refuse_change();

-- The application role: insert and read (row-level security as before), nothing else.
revoke update, delete, truncate on audit_events from waymark_app;
revoke all on audit_chain_heads from waymark_app;
