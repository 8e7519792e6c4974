-- One row per async provider job, keyed by the cache key of the work item that submitted it.
-- The row is written before the submit is sent and the provider job id is stored the moment
-- the submit response arrives, so a restarted run polls the job instead of paying again.
CREATE TABLE JOB_JOURNAL (
    CACHE_KEY CHAR(64) PRIMARY KEY,
    PROVIDER VARCHAR(64) NOT NULL,
    MODEL VARCHAR(200) NOT NULL,
    STATUS VARCHAR(16) NOT NULL,
    PROVIDER_JOB_ID VARCHAR(400),
    PROVIDER_REQUEST_ID VARCHAR(400),
    POLL_URL VARCHAR(2000),
    RESULT_URL VARCHAR(2000),
    CANCEL_URL VARCHAR(2000),
    CREATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    UPDATED_AT TIMESTAMP WITH TIME ZONE NOT NULL,
    CONSTRAINT JOB_JOURNAL_STATUS CHECK
        (STATUS IN ('SUBMITTING', 'SUBMITTED', 'DONE', 'FAILED', 'AMBIGUOUS'))
);

CREATE INDEX JOB_JOURNAL_OPEN ON JOB_JOURNAL (STATUS);
