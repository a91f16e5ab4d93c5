-- Magic-link logins to the members' archive that were used: a token is signed and expires, and this table makes it
-- single use. Only the SHA-256 of the token is kept, so the table cannot be replayed from a copy of the database.
CREATE TABLE login_tokens (
    token_hash     TEXT    NOT NULL PRIMARY KEY,  -- lower-case hex SHA-256 of the token text
    subscriber_id  INTEGER REFERENCES subscribers(id) ON DELETE CASCADE,
    used_at        TEXT    NOT NULL,
    expires_at     TEXT    NOT NULL               -- rows past this are deleted: an expired token is refused anyway
) WITHOUT ROWID;
CREATE INDEX login_tokens_expiry ON login_tokens(expires_at);
