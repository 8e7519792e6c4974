-- The journal instance that claimed each entry, so that a run can tell its own submit from one
-- that another process on the same database still has in flight. Rows written before this
-- column existed have no owner and count as another process's.
ALTER TABLE JOB_JOURNAL ADD COLUMN OWNER VARCHAR(100);
