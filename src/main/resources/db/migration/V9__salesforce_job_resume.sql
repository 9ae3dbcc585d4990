-- Salesforce jobs resume after a restart (SalesforceJobs): where a job goes on, recorded with each chunk's progress.
-- Import: "<object> <CreatedDate> <Id>" of the last record of the last chunk recorded; resync: the last HubSpot
-- record id recorded. NULL until the first chunk is recorded.
ALTER TABLE salesforce_job ADD COLUMN checkpoint VARCHAR(200);
CREATE INDEX salesforce_job_state ON salesforce_job (state, started_at);

-- The emails an import gave out so far and the record each went to ("Contact 003...", "Lead 00Q..."): one HubSpot
-- contact per email, across restarts. Dropped when the job ends.
CREATE TABLE salesforce_job_claim (
    job_id      VARCHAR(60)  NOT NULL,
    email       VARCHAR(320) NOT NULL,
    record_ref  VARCHAR(60)  NOT NULL,
    PRIMARY KEY (job_id, email)
);
