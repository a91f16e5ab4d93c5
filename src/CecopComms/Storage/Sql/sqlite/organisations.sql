-- Member organisations. Category is stored 'full', 'associated', 'affiliate'.

-- name: insert-organisation
INSERT INTO organisations (name, name_key, country, category, website, created_at, updated_at)
VALUES (@Name, @NameKey, @Country, @Category, @Website, @Now, @Now)
RETURNING id;

-- name: find-organisation
-- By id (as text) or by name, case-insensitively.
SELECT o.*, (SELECT count(*) FROM subscribers s WHERE s.organisation_id = o.id) AS contact_count
FROM organisations o
WHERE CAST(o.id AS TEXT) = @Key OR o.name_key = @NameKey;

-- name: list-organisations
SELECT o.*, (SELECT count(*) FROM subscribers s WHERE s.organisation_id = o.id) AS contact_count
FROM organisations o
WHERE (@Country IS NULL OR o.country = @Country)
  AND (@Category IS NULL OR o.category = @Category)
ORDER BY o.name_key;
