-- Staff accounts of the admin pages.

-- name: insert-user
INSERT INTO users (email, email_key, name, role, password_hash, password_salt, password_iterations, created_at, updated_at)
VALUES (@Email, @EmailKey, @Name, @Role, @PasswordHash, @PasswordSalt, @PasswordIterations, @Now, @Now)
ON CONFLICT (email_key) DO NOTHING
RETURNING id;

-- name: get-user-by-key
SELECT * FROM users WHERE email_key = @EmailKey;

-- name: list-users
SELECT * FROM users ORDER BY email_key;

-- name: record-failed-login
-- The failure that reaches the limit locks the account; a failure while locked does not extend the lock.
UPDATE users
SET failed_logins = failed_logins + 1,
    locked_until = CASE WHEN failed_logins + 1 >= @MaxFailures AND (locked_until IS NULL OR locked_until <= @Now) THEN @LockedUntil ELSE locked_until END,
    updated_at = @Now
WHERE id = @Id;

-- name: record-login
UPDATE users SET failed_logins = 0, locked_until = NULL, last_login_at = @Now, updated_at = @Now WHERE id = @Id;


-- name: get-user-by-id
SELECT * FROM users WHERE id = @Id;

-- name: set-user-role
-- Refuses (no row) to take the admin role from the last admin, so someone can always manage staff accounts.
UPDATE users SET role = @Role, updated_at = @Now
WHERE id = @Id
  AND (@Role = 'admin' OR role <> 'admin' OR (SELECT count(*) FROM users WHERE role = 'admin') > 1)
RETURNING id;

-- name: set-user-password
-- A new password also lifts a lockout: the person it is for starts again with a clean count.
UPDATE users
SET password_hash = @PasswordHash, password_salt = @PasswordSalt, password_iterations = @PasswordIterations,
    failed_logins = 0, locked_until = NULL, updated_at = @Now
WHERE id = @Id
RETURNING id;

-- name: unlock-user
UPDATE users SET failed_logins = 0, locked_until = NULL, updated_at = @Now WHERE id = @Id RETURNING id;
