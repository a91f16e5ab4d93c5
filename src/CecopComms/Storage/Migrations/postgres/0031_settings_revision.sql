-- A counter that every save of the settings raises in its transaction, read by every node every few seconds (as
-- SQLite migration 0211).
CREATE TABLE settings_revision (
    id       bigint PRIMARY KEY CHECK (id = 1),
    revision bigint NOT NULL
);
INSERT INTO settings_revision (id, revision) VALUES (1, 0);
