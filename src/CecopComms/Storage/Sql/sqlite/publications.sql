-- Publications: CECOP Link and the CECOP Newsletter, seeded by migration 0020.

-- name: list-publications
SELECT * FROM publications ORDER BY slug;

-- name: get-publication
SELECT * FROM publications WHERE slug = @Slug OR CAST(id AS TEXT) = @Slug;
