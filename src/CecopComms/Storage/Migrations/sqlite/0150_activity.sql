-- The activity log: who did what and when in the admin area (imports, sends, schedules, cancellations, erasures,
-- deletions, role changes). Rows are only ever added: the application deletes none. The subject of an erasure is
-- "a subscriber (id N)", never the person's address.
CREATE TABLE activity (
    id      INTEGER PRIMARY KEY,
    at      TEXT NOT NULL,   -- UTC, as DbTime writes it
    actor   TEXT NOT NULL,   -- the staff member's e-mail address
    action  TEXT NOT NULL,   -- import, send, schedule, cancel-schedule, pause, resume, cancel-mailing, erase, delete-list, delete-organisation, role-change
    subject TEXT NOT NULL,   -- what it was done to: a title, a list's slug, "a subscriber (id N)"
    detail  TEXT NOT NULL DEFAULT ''
);
CREATE INDEX activity_at ON activity (at);
CREATE INDEX activity_action ON activity (action, at);
