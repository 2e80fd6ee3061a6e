-- A case participant's postal address, for the address block of the letters the service sends.
-- Optional: a person may have none recorded, and a letter to them is then refused. It is
-- personal data like the rest of the participant's row: the table's row-level security covers
-- it, retention clears it (features/retention/plan.ts), and the subject access report carries
-- it (the participant's row is reported whole). The checks are the database's last word on
-- what the form already refuses: a whole address or none, and a postcode as the form stores it.
alter table case_participants
  add column if not exists address_line_1 text,
  add column if not exists address_line_2 text,
  add column if not exists address_town text,
  add column if not exists address_postcode text;

alter table case_participants drop constraint if exists case_participants_postal_address_whole;
alter table case_participants add constraint case_participants_postal_address_whole check (
  (address_line_1 is null and address_line_2 is null and address_town is null
    and address_postcode is null)
  or (address_line_1 is not null and address_town is not null and address_postcode is not null)
);

alter table case_participants drop constraint if exists case_participants_postcode_form;
alter table case_participants add constraint case_participants_postcode_form check (
  address_postcode is null or address_postcode ~ '^[A-Z0-9]{2,4} [0-9][A-Z]{2}$'
);
