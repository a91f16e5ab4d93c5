-- Settings kept in the database, one row per section; see Hosting/Settings/SettingsStore.cs.

-- name: list-settings
SELECT section, value, updated_at, updated_by FROM settings ORDER BY section;

-- name: save-setting
INSERT INTO settings (section, value, updated_at, updated_by) VALUES (@Section, @Value, @UpdatedAt, @UpdatedBy)
ON CONFLICT (section) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at, updated_by = excluded.updated_by;

-- name: settings-revision
-- Read every few seconds by each process; 0 until the first save.
SELECT revision FROM settings_revision WHERE id = 1;

-- name: raise-settings-revision
-- In the transaction of every save.
UPDATE settings_revision SET revision = revision + 1 WHERE id = 1;
