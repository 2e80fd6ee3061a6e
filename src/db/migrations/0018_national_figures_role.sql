-- Commissioners and national analysts act as the database role waymark_figures in every
-- transaction (migration 0014, docs/adr/0012-aggregate-store.md). The provision survey, the
-- monthly Victims' Code returns and area populations (migration 0017) are theirs to read and
-- write: none of them holds case data. The same policies apply to them as to waymark_app, which
-- the command line acts as.
grant select, insert, update on provision_survey_years, provision_responses,
  victims_informed_returns, area_populations to waymark_figures;
grant select, insert, update, delete on provision_drafts to waymark_figures;

alter policy provision_survey_years_read on provision_survey_years to waymark_app, waymark_figures;
alter policy provision_survey_years_write on provision_survey_years to waymark_app, waymark_figures;
alter policy provision_responses_area on provision_responses to waymark_app, waymark_figures;
alter policy victims_informed_area on victims_informed_returns to waymark_app, waymark_figures;
alter policy provision_drafts_owner on provision_drafts to waymark_app, waymark_figures;
alter policy area_populations_read on area_populations to waymark_app, waymark_figures;
alter policy area_populations_write on area_populations to waymark_app, waymark_figures;
