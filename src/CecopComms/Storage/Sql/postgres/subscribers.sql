-- Subscribers: the queries whose PostgreSQL text differs from sqlite/subscribers.sql.

-- name: insert-subscriber
-- attributes is jsonb: the JSON text is cast.
INSERT INTO subscribers (uuid, email, email_key, name, language, organisation_id, attributes, status, created_at, updated_at)
VALUES (@Uuid, @Email, @EmailKey, @Name, @Language, @OrganisationId, CAST(@Attributes AS jsonb), 'active', @Now, @Now)
RETURNING id;

-- name: update-subscriber
-- attributes is jsonb: the JSON text is cast.
UPDATE subscribers
SET name = @Name, language = @Language, organisation_id = @OrganisationId, attributes = CAST(@Attributes AS jsonb), updated_at = @Now
WHERE id = @Id;
