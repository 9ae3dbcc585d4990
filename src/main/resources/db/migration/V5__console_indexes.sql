-- The operator console (/console) answers from indexes, whatever the size of the run history: a contact's runs by
-- email or by HubSpot / respond.io / Brevo id and the latest failures, newest first (each index ends with id DESC,
-- so that "WHERE key = ? ORDER BY key, id DESC LIMIT n" reads n entries on H2 too), runs per minute of the last
-- hour, merge candidates of one email.
DROP INDEX ix_run_email;
CREATE INDEX ix_run_email ON sync_run (contact_email, id DESC);
CREATE INDEX ix_run_source ON sync_run (source_id, id DESC);
CREATE INDEX ix_run_target ON sync_run (target_id, id DESC);
CREATE INDEX ix_run_decision ON sync_run (decision, id DESC);
CREATE INDEX ix_run_started ON sync_run (started_at, decision);
CREATE INDEX ix_merge_email ON merge_candidate (email);
