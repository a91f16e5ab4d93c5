-- Subscribers. email_key is the case-insensitive identity (lower-cased, punycode domain).

-- name: insert-subscriber
INSERT INTO subscribers (uuid, email, email_key, name, language, organisation_id, attributes, status, created_at, updated_at)
VALUES (@Uuid, @Email, @EmailKey, @Name, @Language, @OrganisationId, @Attributes, 'active', @Now, @Now)
RETURNING id;

-- name: get-subscriber-by-key
SELECT * FROM subscribers WHERE email_key = @EmailKey;

-- name: list-contacts
SELECT * FROM subscribers WHERE organisation_id = @OrganisationId ORDER BY email_key;

-- name: erase-subscriber
-- Personal data goes; the row, its status and its subscriptions stay so that counts over time stay right.
UPDATE subscribers
SET uuid = @Uuid, email = @Placeholder, email_key = @Placeholder, name = '', attributes = '{}',
    organisation_id = NULL, erased_at = @Now, updated_at = @Now
WHERE id = @Id;

-- name: update-subscriber
UPDATE subscribers
SET name = @Name, language = @Language, organisation_id = @OrganisationId, attributes = @Attributes, updated_at = @Now
WHERE id = @Id;

-- name: set-subscriber-status
-- Blocklisting keeps the status it replaces; lifting it (@Status 'active') gives that status back, and a blocklisting
-- older than that record lifts to 'unsubscribed', the side that sends nothing. (SQLite reads every right-hand side
-- from the row as it was before the update.)
UPDATE subscribers SET
    status = CASE WHEN @Status = 'active' AND status = 'blocklisted' THEN coalesce(status_before_blocklist, 'unsubscribed') ELSE @Status END,
    status_before_blocklist = CASE WHEN @Status = 'blocklisted' THEN status ELSE NULL END,
    updated_at = @Now
WHERE id = @Id;
