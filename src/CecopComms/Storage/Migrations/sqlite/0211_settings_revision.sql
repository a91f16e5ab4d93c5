-- A counter that every save of the settings raises in its transaction (Hosting/Settings/SettingsStore.cs). Each
-- process reads it every few seconds and reloads the settings when it moved, so a change saved on one node, or by
-- the command line, reaches every other without a restart.
CREATE TABLE settings_revision (
    id       INTEGER PRIMARY KEY CHECK (id = 1),
    revision INTEGER NOT NULL
);
INSERT INTO settings_revision (id, revision) VALUES (1, 0);
