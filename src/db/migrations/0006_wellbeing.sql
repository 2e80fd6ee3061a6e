-- Wellbeing measures may be recorded by a volunteer allocated to the case and by a service's own
-- system (an API token, role 'api'), not only by practitioners and managers. Either may be the
-- first to use the categories of need, so either may make the service's copy of the shipped
-- default set (marked shipped, with its first label); and a measure they record goes on the
-- case's timeline and marks the case as changed, like any other change.

create policy wellbeing_categories_copy on wellbeing_categories for insert to waymark_app
  with check (org_id = app_org_id() and shipped and app_role() in ('volunteer', 'api'));

create policy wellbeing_category_labels_copy on wellbeing_category_labels for insert to waymark_app
  with check (org_id = app_org_id() and app_role() in ('volunteer', 'api'));

create policy case_events_api_insert on case_events for insert to waymark_app
  with check (org_id = app_org_id() and app_role() = 'api');

create policy cases_api_touch on cases for update to waymark_app
  using (org_id = app_org_id() and app_role() = 'api')
  with check (org_id = app_org_id());

-- A participant has one entry (baseline) measure and one exit review; follow-ups are one a day.
-- The same participant, kind and date again is a duplicate (an import run twice, say).
create unique index wellbeing_measures_once on wellbeing_measures (participant_id, kind)
  where kind in ('entry', 'exit');
create unique index wellbeing_measures_day on wellbeing_measures (participant_id, kind, taken_on);
