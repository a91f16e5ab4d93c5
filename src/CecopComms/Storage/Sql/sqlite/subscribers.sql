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
UPDATE subscribers SET status = @Status, updated_at = @Now WHERE id = @Id;
