-- Settings: the queries whose PostgreSQL text differs from sqlite/settings.sql.

-- name: save-setting
-- value is jsonb: the JSON text is cast.
INSERT INTO settings (section, value, updated_at, updated_by) VALUES (@Section, CAST(@Value AS jsonb), @UpdatedAt, @UpdatedBy)
ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
