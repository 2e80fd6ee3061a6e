-- The work queues with a hundred thousand cases in a service (figures in bench/case-pages.ts).
-- Each queue's count is on the home page and on every queue page, so a count should read the
-- cases in its queue, not every open case or every referral.

-- Unallocated (no lead facilitator) was an anti-join over every open case and every allocation.
-- A case now carries its lead, kept in step with case_allocations by a trigger, so the queue is
-- one range of a partial index. The trigger runs as whoever changes the allocation, under the
-- same row-level security as everything else.
alter table cases add column lead_user_id uuid references users (id);

update cases set lead_user_id = a.user_id
from case_allocations a
where a.case_id = cases.id and a.lead;

create or replace function case_lead_from_allocations() returns trigger
  language plpgsql
  as $$
  begin
    if tg_op <> 'INSERT' then
      update cases set lead_user_id = (
        select a.user_id from case_allocations a where a.case_id = old.case_id and a.lead
      ) where id = old.case_id;
    end if;
    if tg_op = 'INSERT' or new.case_id <> old.case_id then
      update cases set lead_user_id = (
        select a.user_id from case_allocations a where a.case_id = new.case_id and a.lead
      ) where id = new.case_id;
    end if;
    return null;
  end
  $$;

create trigger case_allocations_lead after insert or update or delete on case_allocations
  for each row execute function case_lead_from_allocations();

create index cases_org_unallocated on cases (org_id, last_activity_at)
  where stage <> 'closed' and lead_user_id is null;

-- Victims' Code duties not yet done: the referrals missing either date, not every referral.
create index referrals_victims_code on referrals (org_id)
  where rj_information_given_on is null or support_referral_made_on is null;

-- First contact overdue: the new and contacting cases nobody has reached yet.
create index cases_org_not_contacted on cases (org_id, created_at)
  where first_contact_on is null and stage in ('new', 'contacting');

-- Every read of a case looks for the transfer it arrived by.
create index case_transfers_received on case_transfers (received_case_id);
