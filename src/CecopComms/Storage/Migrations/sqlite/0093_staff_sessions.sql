-- Staff sessions that can end, and a lockout a stranger cannot use against staff.
--
-- security_stamp: a random value the sign-in cookie carries and every request compares with the account's. Signing
-- out, a new role, a new password or a lock by an admin gives the account a new one, so every cookie issued before
-- stops working at once. locked_at: an admin locked the account; it cannot sign in until an admin unlocks it.
ALTER TABLE users ADD COLUMN security_stamp TEXT NOT NULL DEFAULT '';
UPDATE users SET security_stamp = lower(hex(randomblob(16)));
ALTER TABLE users ADD COLUMN locked_at TEXT;

-- Failed sign-ins are counted per account and remote address: too many from one address lock the account against
-- that address only, so someone who knows a staff address cannot lock its owner out. An attempt is counted before
-- its password is checked, so attempts sent at once cannot get past the limit.
CREATE TABLE staff_login_failures (
    user_id       INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    ip            TEXT    NOT NULL,
    failures      INTEGER NOT NULL,   -- attempts since the last success from this address (or the end of a lock)
    locked_until  TEXT,               -- set by the attempt that reaches Web:MaxFailedLogins
    updated_at    TEXT    NOT NULL,
    PRIMARY KEY (user_id, ip)
) WITHOUT ROWID;
ALTER TABLE users DROP COLUMN failed_logins;
ALTER TABLE users DROP COLUMN locked_until;

-- An account as the admin pages show it: its failures over every address, and the latest lock of any of them.
CREATE VIEW staff_accounts AS
SELECT u.*,
       (SELECT coalesce(sum(f.failures), 0) FROM staff_login_failures f WHERE f.user_id = u.id) AS failed_logins,
       (SELECT max(f.locked_until) FROM staff_login_failures f WHERE f.user_id = u.id) AS locked_until
FROM users u;
