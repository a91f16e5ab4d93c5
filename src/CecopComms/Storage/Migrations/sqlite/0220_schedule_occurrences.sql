-- The occurrences of schedules that started a mailing, one row each, keyed by the schedule and the occurrence's planned
-- time (UTC): the idempotency key of a firing. The row is written in the transaction that creates the mailing, so a
-- firing of an occurrence that already has one (a job recovered after its node died, a trigger that fired twice)
-- creates nothing: a one-off sends once, and a recurring schedule never sends the next draft for the same occurrence.
CREATE TABLE schedule_occurrences (
    schedule_id  INTEGER NOT NULL REFERENCES schedules(id) ON DELETE CASCADE,
    planned_at   TEXT    NOT NULL,                -- UTC, the occurrence (a one-off's run_at, a cron time)
    mailing_id   INTEGER REFERENCES mailings(id) ON DELETE SET NULL,
    created_at   TEXT    NOT NULL,
    PRIMARY KEY (schedule_id, planned_at)
);
