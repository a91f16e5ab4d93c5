-- Segments: saved filters over subscribers. The segment queries carry a /*filter*/ mark where SegmentSqlCompiler
-- puts " AND (...)" built from the where-* fragments below; values only ever travel as parameters.

-- name: insert-segment
INSERT INTO segments (slug, name, filter, created_at, updated_at)
VALUES (@Slug, @Name, @Filter, @Now, @Now)
RETURNING id;

-- name: get-segment
SELECT * FROM segments WHERE slug = @Slug;

-- name: list-segments
SELECT * FROM segments ORDER BY slug;

-- name: count-segment
SELECT count(*)
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL /*filter*/;

-- name: segment-recipients
SELECT s.id, s.uuid, s.email, s.name, s.language, s.organisation_id
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL AND s.status = 'active' /*filter*/
ORDER BY s.id;

-- name: segment-export-rows
SELECT s.email, s.name, s.language, o.name AS organisation, o.country, s.status,
       NULL AS subscription_status, s.attributes, s.created_at,
       (SELECT group_concat(slug, ' ') FROM (SELECT l.slug FROM subscriptions x JOIN lists l ON l.id = x.list_id
                                            WHERE x.subscriber_id = s.id AND x.status = 'confirmed' ORDER BY l.slug)) AS lists
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL /*filter*/
ORDER BY s.id;

-- name: where-country
o.country = @value

-- name: where-language
(lower(s.language) = @value OR lower(s.language) LIKE @value || '-%')

-- name: where-category
o.category = @value

-- name: where-organisation
(o.name_key = @value OR CAST(o.id AS TEXT) = @value)

-- name: where-list
EXISTS (SELECT 1 FROM subscriptions x JOIN lists l ON l.id = x.list_id
        WHERE x.subscriber_id = s.id AND l.slug = @value AND x.status = 'confirmed')

-- name: where-status
s.status = @value

-- name: where-attribute-equals
-- JSON true/false compare as the words, numbers as their text.
lower(CASE json_type(s.attributes, '$."' || @key || '"') WHEN 'true' THEN 'true' WHEN 'false' THEN 'false'
      ELSE CAST(json_extract(s.attributes, '$."' || @key || '"') AS TEXT) END) = lower(@value)

-- name: where-attribute-contains
instr(lower(CAST(json_extract(s.attributes, '$."' || @key || '"') AS TEXT)), lower(@value)) > 0
