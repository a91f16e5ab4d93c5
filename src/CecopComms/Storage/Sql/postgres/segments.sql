-- Segments: the queries whose PostgreSQL text differs from sqlite/segments.sql.

-- name: insert-segment
-- filter is jsonb: the JSON text is cast.
INSERT INTO segments (slug, name, filter, created_at, updated_at)
VALUES (@Slug, @Name, CAST(@Filter AS jsonb), @Now, @Now)
RETURNING id;

-- name: segment-export-rows
-- string_agg instead of group_concat.
SELECT s.email, s.name, s.language, o.name AS organisation, o.country, s.status,
       NULL AS subscription_status, s.attributes, s.created_at,
       (SELECT string_agg(l.slug, ' ' ORDER BY l.slug) FROM subscriptions x JOIN lists l ON l.id = x.list_id
        WHERE x.subscriber_id = s.id AND x.status = 'confirmed') AS lists
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL /*filter*/
ORDER BY s.id;

-- name: where-organisation
-- The key travels as text; PostgreSQL compares text with text only.
(o.name_key = @value OR CAST(o.id AS text) = @value)

-- name: where-attribute-equals
-- attributes is jsonb: ->> gives strings bare, true/false as the words and numbers as their text, as SQLite's did.
lower(s.attributes ->> CAST(@key AS text)) = lower(@value)

-- name: where-attribute-contains
-- attributes is jsonb; strpos instead of instr.
strpos(lower(s.attributes ->> CAST(@key AS text)), lower(@value)) > 0
