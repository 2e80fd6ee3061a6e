-- An update given to someone kept informed goes through their safe-contact instructions, as a
-- contact, an offer and a letter do (src/domain/safe-contact.ts): a letter to someone who said
-- "not by letter", or a text to someone who said "no messages", is refused unless the
-- practitioner records why it was safe. The reason is kept with the update, as with the others.
alter table case_updates add column if not exists safe_contact_reason text;
