-- The Victims' Code duties as data (src/domain/victims-code.ts).
--
-- Until now a case sat in the "Victims' Code" queue while the referral's two dates (information
-- about RJ given, support referral made) were empty. Those are the partner's duties (the police,
-- or the youth offending team), which the service can only see; the referral the service
-- received is itself the support referral. The service's own duty (3.5) is to give each named
-- person harmed information about RJ, met by an offer, a contact in which RJ was explained, or
-- their consent. The queue now holds the open cases where that is still to do.

-- A contact can be the one in which RJ was explained to the person.
alter table case_contacts add column rj_explained boolean not null default false;

-- Corrections a data migration made, with how many rows each changed; `waymark migrate` and the
-- server's start print those of the migrations they apply.
create table if not exists migration_corrections (
  migration text not null,
  what text not null,
  changed int not null,
  recorded_at timestamptz not null default now(),
  primary key (migration, what)
);

drop trigger if exists cases_victims_code on cases;
drop trigger if exists referrals_victims_code_to_case on referrals;
drop function if exists case_victims_code_from_referral();
drop function if exists referral_victims_code_to_case();

-- The service's own duty, per case: pending while a named person harmed (not an organisation)
-- has had no offer, no contact in which RJ was explained, and no consent recorded. The same rule
-- as serviceDutyPending in src/domain/victims-code.ts; victims-code.int.test.ts checks that the
-- two agree. Returns how many cases changed.
create or replace function refresh_case_victims_code(case_ids uuid[]) returns int
  language sql
  as $$
    with touched as (select distinct unnest(case_ids) as id),
    pending as (
      select t.id, exists (
        select 1 from case_participants p
        where p.case_id = t.id and p.role = 'harmed' and p.organisation_name is null
          and not exists (select 1 from case_offers o where o.participant_id = p.id)
          and not exists (select 1 from case_consents k where k.participant_id = p.id)
          and not exists (
            select 1 from case_contacts x where x.participant_id = p.id and x.rj_explained
          )
      ) as pending
      from touched t
    ),
    changed as (
      update cases c set victims_code_pending = d.pending
      from pending d
      where c.id = d.id and c.victims_code_pending is distinct from d.pending
      returning c.id
    )
    select count(*)::int from changed
  $$;

create or replace function case_victims_code_from_rows() returns trigger
  language plpgsql
  as $$
  declare
    touched uuid[];
  begin
    if tg_op = 'INSERT' then
      select array_agg(distinct case_id) into touched from new_rows;
    elsif tg_op = 'UPDATE' then
      select array_agg(distinct case_id) into touched
      from (select case_id from new_rows union select case_id from old_rows) changed;
    else
      select array_agg(distinct case_id) into touched from old_rows;
    end if;
    if touched is not null then
      perform refresh_case_victims_code(touched);
    end if;
    return null;
  end
  $$;

do $$
declare
  child text;
begin
  foreach child in array array['case_participants', 'case_offers', 'case_consents', 'case_contacts'] loop
    execute format(
      'create trigger %1$s_victims_code_insert after insert on %1$s
         referencing new table as new_rows
         for each statement execute function case_victims_code_from_rows()', child);
    execute format(
      'create trigger %1$s_victims_code_update after update on %1$s
         referencing new table as new_rows old table as old_rows
         for each statement execute function case_victims_code_from_rows()', child);
    execute format(
      'create trigger %1$s_victims_code_delete after delete on %1$s
         referencing old table as old_rows
         for each statement execute function case_victims_code_from_rows()', child);
  end loop;
end
$$;

-- Correct every case there is, and say how many changed.
insert into migration_corrections (migration, what, changed)
select '0020_victims_code_duties', 'cases whose Victims'' Code queue entry was corrected',
  refresh_case_victims_code(coalesce(array_agg(id), '{}')) from cases;
