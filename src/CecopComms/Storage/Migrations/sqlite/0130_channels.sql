-- Channels become data: staff add one (Bluesky, Mastodon…) and rename one (the activity report's unnamed fourth
-- channel gets its name). A channel keeps its key for good, so the figures entered under it keep working; reports,
-- CSV files and pages show its name.
CREATE TABLE channels (
    key         TEXT    PRIMARY KEY,              -- twitter, facebook…, or made from the name when added ("bluesky")
    name        TEXT    NOT NULL,                 -- what reports show: "Twitter / X", "Bluesky"
    position    INTEGER NOT NULL,                 -- report order
    changed_at  TEXT    NOT NULL,
    changed_by  TEXT    NOT NULL                  -- who added or last renamed it
);
CREATE UNIQUE INDEX channels_name ON channels(lower(name));

INSERT INTO channels (key, name, position, changed_at, changed_by) VALUES
  ('twitter', 'Twitter / X', 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  ('facebook', 'Facebook', 2, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  ('linkedin', 'LinkedIn', 3, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  ('instagram', 'Instagram', 4, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  ('youtube', 'YouTube', 5, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  ('website', 'Website', 6, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130'),
  -- The activity report 2023 gives a fourth social channel's figures without naming it.
  ('other', 'Other channel (unnamed)', 7, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), 'migration 0130');
