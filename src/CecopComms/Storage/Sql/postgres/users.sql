-- Staff accounts: the queries whose PostgreSQL text differs from sqlite/users.sql.

-- name: claim-login-attempt
-- PostgreSQL finds the columns of the conflicting row ambiguous beside excluded: they are named through the alias f.
-- Counts a sign-in attempt from an address before its password is checked; the attempt that reaches the limit locks the
-- account against that address. No row: the account is locked against the address, and the password is not judged.
-- A lock that has run out starts the count again. One statement, so attempts sent at once are counted one by one.
INSERT INTO staff_login_failures AS f (user_id, ip, failures, locked_until, updated_at)
VALUES (@Id, @Ip, 1, CASE WHEN @MaxFailures <= 1 THEN CAST(@LockedUntil AS timestamptz) END, @Now)
ON CONFLICT (user_id, ip) DO UPDATE
SET failures = CASE WHEN f.locked_until IS NULL THEN f.failures + 1 ELSE 1 END,
    locked_until = CASE WHEN (CASE WHEN f.locked_until IS NULL THEN f.failures + 1 ELSE 1 END) >= @MaxFailures THEN CAST(@LockedUntil AS timestamptz) END,
    updated_at = @Now
WHERE f.locked_until IS NULL OR f.locked_until <= @Now
RETURNING f.failures;

