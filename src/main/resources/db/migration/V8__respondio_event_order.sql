-- The inbox id of the last respond.io event applied to the link: a webhook payload older than that (a replayed dead
-- letter, an event run again) is not trusted, the contact is read again from respond.io (issue 10).
ALTER TABLE contact_link ADD COLUMN respondio_event BIGINT;
