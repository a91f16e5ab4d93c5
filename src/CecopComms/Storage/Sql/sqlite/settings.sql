-- Settings kept in the database, one row per section; see Hosting/Settings/SettingsStore.cs.

-- name: list-settings
SELECT section, value, updated_at, updated_by FROM settings ORDER BY section;

-- name: save-setting
INSERT INTO settings (section, value, updated_at, updated_by) VALUES (@Section, @Value, @UpdatedAt, @UpdatedBy)
ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by;
