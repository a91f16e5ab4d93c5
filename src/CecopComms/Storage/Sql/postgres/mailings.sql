-- PostgreSQL versions of the mailing queries whose text differs from Storage/Sql/sqlite/mailings.sql.

-- name: set-status
-- = ANY(@From): Dapper passes a list as one array parameter on Npgsql instead of expanding IN @From.
UPDATE mailings
SET status = @To, status_reason = @Reason, updated_at = @Now,
    started_at = CASE WHEN @To = 'running' THEN coalesce(started_at, @Now) ELSE started_at END,
    finished_at = CASE WHEN @To IN ('finished', 'cancelled') THEN @Now ELSE finished_at END
WHERE id = @Id AND status = ANY(@From);

-- name: take-lease
-- The database's clock_timestamp() and an interval in seconds (@ForSeconds) instead of strftime modifiers.
UPDATE mailings SET lease_owner = @Owner, lease_until = clock_timestamp() + make_interval(secs => @ForSeconds)
WHERE id = @Id AND (lease_owner IS NULL OR lease_owner = @Owner OR lease_until < clock_timestamp());

-- name: runnable-mailings
-- clock_timestamp() instead of strftime('now').
SELECT id FROM mailings WHERE status = 'running' AND (lease_owner IS NULL OR lease_until < clock_timestamp()) ORDER BY id;
