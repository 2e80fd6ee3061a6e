-- Satisfaction questionnaires answered through a one-time link. The respondent (role
-- 'respondent', acting for the link's organisation, with the hash of the link's token in
-- app.link_hash) may mark that one link used, record answers for that link's participant and
-- questionnaire only, and put one line on that link's case's timeline. Restrictive policies
-- narrow what migration 0005 allowed the role; other roles are unaffected.

create policy questionnaire_links_respondent_own on questionnaire_links as restrictive for update to waymark_app
  using (app_role() is distinct from 'respondent' or token_hash = current_setting('app.link_hash', true));

create policy questionnaire_responses_respondent_own on questionnaire_responses as restrictive for insert to waymark_app
  with check (app_role() is distinct from 'respondent' or exists (
    select 1 from questionnaire_links l
    where l.token_hash = current_setting('app.link_hash', true)
      and l.org_id = questionnaire_responses.org_id
      and l.case_id = questionnaire_responses.case_id
      and l.participant_id = questionnaire_responses.participant_id
      and l.questionnaire_id = questionnaire_responses.questionnaire_id
      and questionnaire_responses.channel = 'online'));

create policy case_events_respondent_insert on case_events for insert to waymark_app
  with check (org_id = app_org_id() and app_role() = 'respondent' and exists (
    select 1 from questionnaire_links l
    where l.token_hash = current_setting('app.link_hash', true) and l.case_id = case_events.case_id));

-- A volunteer allocated to a case may record that someone no longer agrees to answer online;
-- the links not yet used then stop working, so they may end those links (never make one).
create policy questionnaire_links_volunteer_revoke on questionnaire_links for update to waymark_app
  using (org_id = app_org_id() and app_role() = 'volunteer' and exists (
    select 1 from case_allocations a where a.case_id = questionnaire_links.case_id and a.user_id = app_user_id()))
  with check (org_id = app_org_id());

-- A response recorded twice (an import run again) is found by participant, questionnaire and date.
create index questionnaire_responses_participant on questionnaire_responses (participant_id, responded_on);
