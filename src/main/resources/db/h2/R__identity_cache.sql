-- H2 only (the embedded database, one process): identity values are reserved 1,000 at a time. With H2's default of
-- 32, every 32nd insert wrote the sequence to the store in a commit of its own, a seventh of the app's CPU under load.
-- Values stay increasing (one process); a restart may skip some, as PostgreSQL's sequences may.
ALTER TABLE inbox_event ALTER COLUMN id SET CACHE 1000;
ALTER TABLE sync_run ALTER COLUMN id SET CACHE 1000;
ALTER TABLE contact_link ALTER COLUMN id SET CACHE 1000;
ALTER TABLE merge_candidate ALTER COLUMN id SET CACHE 1000;
ALTER TABLE brevo_notice ALTER COLUMN id SET CACHE 1000;
ALTER TABLE salesforce_link ALTER COLUMN id SET CACHE 1000;
ALTER TABLE salesforce_job_issue ALTER COLUMN id SET CACHE 1000;
