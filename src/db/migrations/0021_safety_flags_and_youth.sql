-- Safety flags derived at intake and kept on the case (src/domain/safety-flags.ts), safe-contact
-- instructions enforced with a recorded reason to override them (src/domain/safe-contact.ts),
-- and the youth offender panel's referral order as a stage of the criminal justice system.

-- The referral's answers: the domestic abuse marker and hate crime, beside the combined
-- "sexual violence or domestic abuse" answer, which now holds the derived flag (a sexual offence
-- is one whatever box was ticked).
alter table referrals
  add column domestic_abuse boolean not null default false,
  add column hate_crime boolean not null default false;

alter table referrals drop constraint if exists referrals_cjs_stage_check;
alter table referrals add constraint referrals_cjs_stage_check check (cjs_stage in (
  'not_reported', 'pre_charge', 'out_of_court', 'pre_sentence', 'community_sentence',
  'custody', 'post_release', 'referral_order'
));

-- Community resolution is the out-of-court resolution a referral came from, not an
-- intervention the service delivers (it counts as restorative only when it meets the minimum
-- standards). New interventions can no longer be planned as one; those recorded stay readable,
-- and their referral, when it came from an out-of-court stage, records it as its context.
alter table referrals add column out_of_court_resolution text check (out_of_court_resolution in (
  'community_resolution', 'conditional_caution', 'youth_caution', 'youth_conditional_caution', 'other'
));
with corrected as (
  update referrals r set out_of_court_resolution = 'community_resolution'
  where r.cjs_stage = 'out_of_court' and r.out_of_court_resolution is null
    and exists (
      select 1 from cases c join case_interventions i on i.case_id = c.id
      where c.referral_id = r.id and i.kind = 'community_resolution'
    )
  returning r.id
)
insert into migration_corrections (migration, what, changed)
select '0021_safety_flags_and_youth',
  'referrals whose community resolution is now recorded as their out-of-court context',
  count(*) from corrected;

-- The case's flags, which a service manager may change after triage, with a reason. sv_da stays
-- the flag the trained sign-off follows: sexual violence or domestic abuse.
alter table cases
  add column sexual_violence boolean not null default false,
  add column domestic_abuse boolean not null default false,
  add column hate_crime boolean not null default false;

-- Why a contact or an offer went ahead against a safe-contact instruction.
alter table case_contacts add column safe_contact_reason text;
alter table case_offers add column safe_contact_reason text;
alter table case_documents add column safe_contact_reason text;

-- Existing referrals: a sexual offence is sexual violence; the combined answer outside one is
-- read as domestic abuse (flagsAtIntake).
with corrected as (
  update referrals set sv_da = true
  where offence_group_id = 'sexual-offences' and not sv_da
  returning id
)
insert into migration_corrections (migration, what, changed)
select '0021_safety_flags_and_youth', 'referrals of a sexual offence now flagged as sexual violence',
  count(*) from corrected;

update referrals set domestic_abuse = true
where sv_da and offence_group_id <> 'sexual-offences' and not domestic_abuse;

-- Existing cases take their referral's flags; a case flagged SV/DA keeps the trained sign-off.
create temporary table case_flags on commit drop as
  select c.id, c.sv_da as was_sv_da,
    coalesce(r.offence_group_id = 'sexual-offences', false) as sexual_violence,
    coalesce(r.domestic_abuse, false)
      or (c.sv_da and coalesce(r.offence_group_id <> 'sexual-offences', true)) as domestic_abuse
  from cases c left join referrals r on r.id = c.referral_id;

insert into migration_corrections (migration, what, changed)
select '0021_safety_flags_and_youth', 'cases of a sexual offence that now need the trained sign-off',
  count(*) from case_flags where not was_sv_da and (sexual_violence or domestic_abuse);

update cases c set
  sexual_violence = f.sexual_violence,
  domestic_abuse = f.domestic_abuse,
  sv_da = f.sexual_violence or f.domestic_abuse,
  needs_specialist_assessment = c.needs_specialist_assessment or f.sexual_violence or f.domestic_abuse
from case_flags f
where c.id = f.id
  and (c.sexual_violence, c.domestic_abuse, c.sv_da)
    is distinct from (f.sexual_violence, f.domestic_abuse, f.sexual_violence or f.domestic_abuse);
