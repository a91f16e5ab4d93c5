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

-- name: insert-user
-- A new random stamp of 32 hex digits from gen_random_uuid(): PostgreSQL has no randomblob.
INSERT INTO users (email, email_key, name, role, password_hash, password_salt, password_iterations, security_stamp, created_at, updated_at)
VALUES (@Email, @EmailKey, @Name, @Role, @PasswordHash, @PasswordSalt, @PasswordIterations, replace(CAST(gen_random_uuid() AS text), '-', ''), @Now, @Now)
ON CONFLICT (email_key) DO NOTHING
RETURNING id;

-- name: set-user-role
-- A new random stamp of 32 hex digits from gen_random_uuid(): PostgreSQL has no randomblob.
-- Refuses (no row) to take the admin role from the last admin who is not locked, so someone can always manage staff
-- accounts. A new role ends the account's sessions (a new stamp), so the person signs in again under it.
UPDATE users SET role = @Role, security_stamp = replace(CAST(gen_random_uuid() AS text), '-', ''), updated_at = @Now
WHERE id = @Id
  AND (@Role = 'admin' OR role <> 'admin' OR locked_at IS NOT NULL
       OR (SELECT count(*) FROM users WHERE role = 'admin' AND locked_at IS NULL) > 1)
RETURNING id;

-- name: set-user-password
-- A new random stamp of 32 hex digits from gen_random_uuid(): PostgreSQL has no randomblob.
-- A new password also lifts every lockout (the person it is for starts again with a clean count) and ends every
-- session signed in with the old one.
DELETE FROM staff_login_failures WHERE user_id = @Id;
UPDATE users
SET password_hash = @PasswordHash, password_salt = @PasswordSalt, password_iterations = @PasswordIterations,
    security_stamp = replace(CAST(gen_random_uuid() AS text), '-', ''), updated_at = @Now
WHERE id = @Id
RETURNING id;

-- name: lock-user
-- A new random stamp of 32 hex digits from gen_random_uuid(): PostgreSQL has no randomblob.
-- Refuses (no row) to lock the last admin who is not locked. Ends every session of the account.
UPDATE users SET locked_at = coalesce(locked_at, @Now), security_stamp = replace(CAST(gen_random_uuid() AS text), '-', ''), updated_at = @Now
WHERE id = @Id
  AND (role <> 'admin' OR locked_at IS NOT NULL
       OR (SELECT count(*) FROM users WHERE role = 'admin' AND locked_at IS NULL) > 1)
RETURNING id;

-- name: end-sessions
-- A new random stamp of 32 hex digits from gen_random_uuid(): PostgreSQL has no randomblob.
-- Signing out: a new stamp, so no copy of the cookie works any more.
UPDATE users SET security_stamp = replace(CAST(gen_random_uuid() AS text), '-', ''), updated_at = @Now WHERE id = @Id;
