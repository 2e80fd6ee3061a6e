-- A referral's parties are tied to it by one foreign key on (referral_id, org_id), where there
-- were two: referral_id to referrals and org_id to organisations. The organisation's row is the
-- referral's, so one check does the work of both, and it checks more: a party's org_id must be
-- its referral's (before, only row-level security's policies kept them the same). Each party
-- inserted runs one lookup fewer, which matters when an import writes hundreds of thousands
-- (figures in the README). The pair needs a unique index on referrals to refer to.
alter table referrals add constraint referrals_id_org_key unique (id, org_id);

alter table referral_parties
  drop constraint referral_parties_org_id_fkey,
  drop constraint referral_parties_referral_id_fkey,
  add constraint referral_parties_referral_fkey foreign key (referral_id, org_id)
    references referrals (id, org_id) on delete cascade;
