-- Several replicas on one database: each contact's events belong to one of 64 shards (by contact key), and a shard is
-- dispatched by the one replica holding its lease; events stored before this migration are all in shard 0.
ALTER TABLE inbox_event ADD COLUMN shard INT NOT NULL DEFAULT 0;
CREATE INDEX ix_inbox_status_shard_id ON inbox_event (status, shard, id);

-- A lease: an inbox shard ("shard-17") or a task that runs on one replica at a time ("pollers"), held by one
-- replica until it expires; the holder renews it, another replica takes it over once it has expired.
CREATE TABLE lease (
    name       VARCHAR(60)  PRIMARY KEY,
    owner      VARCHAR(120) NOT NULL,
    expires_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- The replicas alive (heartbeat), so that the shards are shared out evenly.
CREATE TABLE replica (
    id      VARCHAR(120) PRIMARY KEY,
    seen_at TIMESTAMP WITH TIME ZONE NOT NULL
);
