-- Schedules: when an edition or campaign mailing goes out. Quartz's trigger (QRTZ_* tables) says when; this row says
-- what, remembers the time zone it was asked in, and records what happened: done, missed (the engine was down longer
-- than the grace period), or a recurring schedule's last send and notes ("no draft edition").

CREATE TABLE schedules (
    id              INTEGER PRIMARY KEY,
    kind            TEXT    NOT NULL CHECK (kind IN ('once', 'recurring', 'campaign')),
    source          TEXT,                         -- "edition:12" or "campaign-mailing:4" (once, campaign)
    publication     TEXT,                         -- a recurring schedule sends the next draft edition of this publication
    campaign        TEXT,                         -- the campaign a 'campaign' schedule belongs to
    cron            TEXT,                         -- Quartz cron expression (recurring)
    run_at          TEXT,                         -- UTC (once, campaign)
    time_zone       TEXT    NOT NULL,             -- IANA zone the time or cron is read in
    status          TEXT    NOT NULL DEFAULT 'active' CHECK (status IN ('active', 'done', 'missed', 'cancelled')),
    last_fired_at   TEXT,                         -- the planned time of the last occurrence handled
    last_mailing_id INTEGER REFERENCES mailings(id) ON DELETE SET NULL,
    note            TEXT,                         -- what the last occurrence did, in a sentence
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX schedules_status ON schedules(status);
