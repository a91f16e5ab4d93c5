-- Staff who sign in to the admin pages. Passwords are PBKDF2-HMAC-SHA256 with a salt of their own; the iteration
-- count is stored with each hash so it can be raised later without invalidating existing passwords.
CREATE TABLE users (
    id                  INTEGER PRIMARY KEY,
    email               TEXT    NOT NULL,             -- as written
    email_key           TEXT    NOT NULL UNIQUE,      -- lower-cased: the sign-in identity
    name                TEXT    NOT NULL DEFAULT '',
    role                TEXT    NOT NULL CHECK (role IN ('admin', 'editor', 'viewer')),
    password_hash       TEXT    NOT NULL,             -- base64 of the 32-byte derived key
    password_salt       TEXT    NOT NULL,             -- base64 of 16 random bytes
    password_iterations INTEGER NOT NULL CHECK (password_iterations >= 10000),
    failed_logins       INTEGER NOT NULL DEFAULT 0,   -- failures in a row since the last success
    locked_until        TEXT,                         -- set after too many failures in a row
    last_login_at       TEXT,
    created_at          TEXT    NOT NULL,
    updated_at          TEXT    NOT NULL
);
