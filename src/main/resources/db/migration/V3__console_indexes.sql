-- The operator console (/console) answers from indexes, whatever the size of the run history:
-- runs per minute of the last hour, the latest failures, a contact's runs by HubSpot / respond.io / Brevo id,
-- merge candidates of one email.
CREATE INDEX ix_run_started ON sync_run (started_at, decision);
CREATE INDEX ix_run_decision ON sync_run (decision, id);
CREATE INDEX ix_run_source ON sync_run (source_id, id);
CREATE INDEX ix_run_target ON sync_run (target_id, id);
CREATE INDEX ix_merge_email ON merge_candidate (email);
