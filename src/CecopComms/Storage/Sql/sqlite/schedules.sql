-- Schedules: what goes out when (Quartz's triggers say when), and what each occurrence did.

-- name: insert-schedule
INSERT INTO schedules (kind, source, publication, campaign, cron, run_at, time_zone, audience, status, created_at, updated_at)
VALUES (@Kind, @Source, @Publication, @Campaign, @Cron, @RunAt, @TimeZone, @Audience, 'active', @Now, @Now)
RETURNING id;

-- name: get-schedule
SELECT * FROM schedules WHERE id = @Id;

-- name: list-schedules
SELECT * FROM schedules WHERE @Status IS NULL OR status = @Status ORDER BY id;

-- name: record-occurrence
-- What one occurrence did: @Status is 'done', 'missed' or 'failed' for a one-off, 'active' for a recurring schedule.
UPDATE schedules SET status = @Status, last_fired_at = @FiredAt, last_mailing_id = coalesce(@MailingId, last_mailing_id),
       note = @Note, updated_at = @Now
WHERE id = @Id;

-- name: cancel-schedule
UPDATE schedules SET status = 'cancelled', updated_at = @Now WHERE id = @Id AND status = 'active'
RETURNING id;

-- name: claim-occurrence
-- The occurrence's idempotency key, written in the transaction that creates its mailing: no row back means another
-- firing of the same occurrence already started one (the transaction is then rolled back).
INSERT INTO schedule_occurrences (schedule_id, planned_at, mailing_id, created_at)
VALUES (@ScheduleId, @PlannedAt, @MailingId, @Now)
ON CONFLICT (schedule_id, planned_at) DO NOTHING
RETURNING schedule_id;

-- name: get-occurrence
-- The mailing an occurrence started (0 when it was deleted since); no row when none did.
SELECT coalesce(mailing_id, 0) FROM schedule_occurrences WHERE schedule_id = @ScheduleId AND planned_at = @PlannedAt;
