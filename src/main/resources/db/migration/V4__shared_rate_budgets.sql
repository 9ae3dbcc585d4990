-- One vendor account's allowance shared by every replica (on PostgreSQL): a token bucket per vendor, taken from
-- under a row lock, and the calls of the current UTC day.
CREATE TABLE rate_bucket (
    vendor      VARCHAR(40) PRIMARY KEY,
    tokens      DOUBLE PRECISION NOT NULL,
    refilled_at BIGINT       NOT NULL,
    calls_day   VARCHAR(10)  NOT NULL,
    calls_today BIGINT       NOT NULL
);
