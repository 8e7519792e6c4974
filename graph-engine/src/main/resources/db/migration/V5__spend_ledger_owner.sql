-- The process that reserved each row, such as "machine 3f2a... boot 9c1e... pid 4242 started
-- 2026-12-04T18:20:00.120Z", so that a later process can tell a reservation that a killed run
-- left behind from one still in flight. Rows written before this column existed have no owner.
ALTER TABLE SPEND_LEDGER ADD COLUMN OWNER VARCHAR(300);
