-- Member logins to the members' archive: who may log in, and which magic-link tokens were used.

-- name: member-contact-by-email
-- A member contact: an active subscriber, not erased, who is a contact person of a member organisation (any of the
-- three categories).
SELECT s.id, s.uuid, s.email, s.name, s.language, o.name AS organisation_name
FROM subscribers s JOIN organisations o ON o.id = s.organisation_id
WHERE s.email_key = @EmailKey AND s.status = 'active' AND s.erased_at IS NULL
  AND o.category IN ('full', 'associated', 'affiliate');

-- name: member-contact-by-uuid
SELECT s.id, s.uuid, s.email, s.name, s.language, o.name AS organisation_name
FROM subscribers s JOIN organisations o ON o.id = s.organisation_id
WHERE s.uuid = @Uuid AND s.status = 'active' AND s.erased_at IS NULL
  AND o.category IN ('full', 'associated', 'affiliate');

-- name: use-login-token
-- The hash is MemberLoginToken.UseKey: of the token rebuilt from what it says, so every spelling of one token is one row.
-- 1 row: the token is used now; 0 rows: it was used before (a replay).
INSERT INTO login_tokens (token_hash, subscriber_id, used_at, expires_at)
VALUES (@TokenHash, @SubscriberId, @Now, @ExpiresAt)
ON CONFLICT (token_hash) DO NOTHING;

-- name: login-token-used
SELECT count(*) FROM login_tokens WHERE token_hash = @TokenHash;

-- name: delete-expired-login-tokens
DELETE FROM login_tokens WHERE expires_at < @Now;
