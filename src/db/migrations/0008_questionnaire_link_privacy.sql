-- A questionnaire link's row was readable by anyone (0005): the hash of its token was thought
-- enough. It names a case and a person, so it is now read only by those who may see the case,
-- or by the holder of the link: the person answering, whose request carries the hash of the
-- token they hold in app.link_hash.
drop policy questionnaire_links_lookup on questionnaire_links;

create policy questionnaire_links_read on questionnaire_links for select to waymark_app
  using (
    token_hash = current_setting('app.link_hash', true)
    or exists (select 1 from cases c where c.id = questionnaire_links.case_id)
  );
