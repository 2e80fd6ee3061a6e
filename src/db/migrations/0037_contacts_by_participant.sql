-- When someone kept informed was last spoken to: the "updates due" queue, its count on the home
-- page and every queue page, and the Keeping informed tab read the latest contact in which a
-- participant was spoken to (src/features/cases/queues.ts). case_contacts had no index on the
-- participant, so each open case's participants read the whole table, every service's: 60-68 s
-- for the count with 20,000 cases and 2 million referrals in the system, 218-261 ms with this
-- index (`npm run bench -- ten-million`). Partial, as the reads are: only contacts that spoke.
create index case_contacts_participant_spoke on case_contacts (participant_id, contacted_at desc)
  where outcome = 'spoke';
