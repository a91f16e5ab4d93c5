-- Member organisations. Category is stored 'full', 'associated', 'affiliate'.

-- name: insert-organisation
INSERT INTO organisations (name, name_key, country, category, website, created_at, updated_at)
VALUES (@Name, @NameKey, @Country, @Category, @Website, @Now, @Now)
RETURNING id;

-- name: find-organisation
-- By name, case-insensitively, or by id (as text). An organisation whose name is a number ("12") would match both
-- itself and the organisation with that id: the name wins, since a name is what staff type.
SELECT o.*, (SELECT count(*) FROM subscribers s WHERE s.organisation_id = o.id) AS contact_count
FROM organisations o
WHERE CAST(o.id AS TEXT) = @Key OR o.name_key = @NameKey
ORDER BY o.name_key = @NameKey DESC
LIMIT 1;

-- name: organisation-by-id
SELECT o.*, (SELECT count(*) FROM subscribers s WHERE s.organisation_id = o.id) AS contact_count
FROM organisations o
WHERE o.id = @Id;

-- name: list-organisations
SELECT o.*, (SELECT count(*) FROM subscribers s WHERE s.organisation_id = o.id) AS contact_count
FROM organisations o
WHERE (@Country IS NULL OR o.country = @Country)
  AND (@Category IS NULL OR o.category = @Category)
ORDER BY o.name_key;

-- name: update-organisation
UPDATE organisations
SET name = @Name, name_key = @NameKey, country = @Country, category = @Category, website = @Website, updated_at = @Now
WHERE id = @Id;

-- name: unlink-contacts
-- An organisation's contact persons stay subscribers, without an organisation.
UPDATE subscribers SET organisation_id = NULL, updated_at = @Now WHERE organisation_id = @Id;

-- name: delete-organisation
DELETE FROM organisations WHERE id = @Id;
