-- Staff accounts of the admin pages. Accounts are read through the staff_accounts view, which adds the failed sign-ins
-- and lockouts counted per address in staff_login_failures.

-- name: insert-user
INSERT INTO users (email, email_key, name, role, password_hash, password_salt, password_iterations, security_stamp, created_at, updated_at)
VALUES (@Email, @EmailKey, @Name, @Role, @PasswordHash, @PasswordSalt, @PasswordIterations, @Stamp, @Now, @Now)
ON CONFLICT (email_key) DO NOTHING
RETURNING id;

-- name: get-user-by-key
SELECT * FROM staff_accounts WHERE email_key = @EmailKey;

-- name: list-users
SELECT * FROM staff_accounts ORDER BY email_key;

-- name: claim-login-attempt
-- Counts a sign-in attempt from an address before its password is checked; the attempt that reaches the limit locks the
-- account against that address. No row: the account is locked against the address, and the password is not judged.
-- A lock that has run out starts the count again. One statement, so attempts sent at once are counted one by one.
INSERT INTO staff_login_failures (user_id, ip, failures, locked_until, updated_at)
VALUES (@Id, @Ip, 1, CASE WHEN @MaxFailures <= 1 THEN @LockedUntil END, @Now)
ON CONFLICT (user_id, ip) DO UPDATE
SET failures = CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END,
    locked_until = CASE WHEN (CASE WHEN locked_until IS NULL THEN failures + 1 ELSE 1 END) >= @MaxFailures THEN @LockedUntil END,
    updated_at = @Now
WHERE locked_until IS NULL OR locked_until <= @Now
RETURNING failures;

-- name: record-login
-- The right password: the address starts again with a clean count; locks against other addresses stay.
DELETE FROM staff_login_failures WHERE user_id = @Id AND ip = @Ip;
UPDATE users SET last_login_at = @Now, updated_at = @Now WHERE id = @Id;

-- name: get-user-by-id
SELECT * FROM staff_accounts WHERE id = @Id;

-- name: set-user-role
-- Refuses (no row) to take the admin role from the last admin who is not locked, so someone can always manage staff
-- accounts. A new role ends the account's sessions (a new stamp), so the person signs in again under it.
UPDATE users SET role = @Role, security_stamp = @Stamp, updated_at = @Now
WHERE id = @Id
  AND (@Role = 'admin' OR role <> 'admin' OR locked_at IS NOT NULL
       OR (SELECT count(*) FROM users WHERE role = 'admin' AND locked_at IS NULL) > 1)
RETURNING id;

-- name: set-user-password
-- A new password also lifts every lockout (the person it is for starts again with a clean count) and ends every
-- session signed in with the old one.
DELETE FROM staff_login_failures WHERE user_id = @Id;
UPDATE users
SET password_hash = @PasswordHash, password_salt = @PasswordSalt, password_iterations = @PasswordIterations,
    security_stamp = @Stamp, updated_at = @Now
WHERE id = @Id
RETURNING id;

-- name: lock-user
-- Refuses (no row) to lock the last admin who is not locked. Ends every session of the account.
UPDATE users SET locked_at = coalesce(locked_at, @Now), security_stamp = @Stamp, updated_at = @Now
WHERE id = @Id
  AND (role <> 'admin' OR locked_at IS NOT NULL
       OR (SELECT count(*) FROM users WHERE role = 'admin' AND locked_at IS NULL) > 1)
RETURNING id;

-- name: unlock-user
-- Lifts an admin's lock and every lockout after failed sign-ins.
DELETE FROM staff_login_failures WHERE user_id = @Id;
UPDATE users SET locked_at = NULL, updated_at = @Now WHERE id = @Id RETURNING id;

-- name: end-sessions
-- Signing out: a new stamp, so no copy of the cookie works any more.
UPDATE users SET security_stamp = @Stamp, updated_at = @Now WHERE id = @Id;
