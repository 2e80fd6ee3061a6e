-- Four more ways a case ends, which an attrition analysis needs told apart from "another
-- reason" (src/domain/case-lifecycle.ts defines each): the person who harmed denies
-- responsibility, there is no identifiable victim, the referrer withdrew the referral, and a
-- participant died.
alter table cases drop constraint if exists cases_closure_outcome_check;
alter table cases add constraint cases_closure_outcome_check check (closure_outcome in (
  'completed', 'victim_declined', 'offender_declined', 'not_suitable', 'could_not_contact',
  'withdrew_consent', 'moved_away', 'harmer_denies', 'no_identifiable_victim',
  'referrer_withdrew', 'died', 'other'
));
