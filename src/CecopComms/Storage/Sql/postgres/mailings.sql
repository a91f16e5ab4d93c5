-- PostgreSQL versions of the mailing queries whose text differs from Storage/Sql/sqlite/mailings.sql.

-- name: set-status
-- = ANY(@From): Dapper passes a list as one array parameter on Npgsql instead of expanding IN @From.
UPDATE mailings
SET status = @To, status_reason = @Reason, updated_at = @Now,
    started_at = CASE WHEN @To = 'running' THEN coalesce(started_at, @Now) ELSE started_at END,
    finished_at = CASE WHEN @To IN ('finished', 'cancelled') THEN @Now ELSE finished_at END
WHERE id = @Id AND status = ANY(@From);

-- name: take-lease
-- Shared on PostgreSQL: every node's sender works on every running mailing at once, each taking its own rows with FOR
-- UPDATE SKIP LOCKED under fenced claims (ledger.sql), so no sender needs the mailing to itself. The lease only records
-- who last said it was sending, until when (the database's clock), for people looking at the table.
UPDATE mailings SET lease_owner = @Owner, lease_until = clock_timestamp() + make_interval(secs => @ForSeconds)
WHERE id = @Id;

-- name: runnable-mailings
-- Every running mailing: the nodes share them (see take-lease).
SELECT id FROM mailings WHERE status = 'running' ORDER BY id;
