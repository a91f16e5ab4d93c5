-- A one-off schedule whose occurrence was refused when it fired (a chosen segment that now reaches people the
-- members-only content may not go to, or that no longer exists) is 'failed': nothing was sent, and its note says why.
-- SQLite cannot widen a CHECK constraint in place, so the table is rebuilt with the same rows; nothing refers to it.
CREATE TABLE schedules_new (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('once', 'recurring', 'campaign')),
    source          TEXT,                         -- "edition:12" or "campaign-mailing:4" (once, campaign)
    publication     TEXT,                         -- a recurring schedule sends the next draft edition of this publication
    campaign        TEXT,                         -- the campaign a 'campaign' schedule belongs to
    cron            TEXT,                         -- Quartz cron expression (recurring)
    run_at          TEXT,                         -- UTC (once, campaign)
    time_zone       TEXT    NOT NULL,             -- IANA zone the time or cron is read in
    status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'missed', 'failed', 'cancelled')),
    last_fired_at   TEXT,                         -- the planned time of the last occurrence handled
    last_mailing_id INTEGER REFERENCES mailings(id) ON DELETE SET NULL,
    note            TEXT,                         -- what the last occurrence did, in a sentence
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    audience        TEXT                          -- "segment:SLUG" chosen for the send; null is the content's own audience
);
INSERT INTO schedules_new (id, kind, source, publication, campaign, cron, run_at, time_zone, status, last_fired_at, last_mailing_id, note, created_at, updated_at, audience)
SELECT id, kind, source, publication, campaign, cron, run_at, time_zone, status, last_fired_at, last_mailing_id, note, created_at, updated_at, audience FROM schedules;
DROP TABLE schedules;
ALTER TABLE schedules_new RENAME TO schedules;
CREATE INDEX schedules_status ON schedules(status);
