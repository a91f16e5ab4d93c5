-- Delivery: mailings, the per-recipient ledger, and hard bounces.
-- A mailing is one send of an edition or campaign mailing to its audience. Its ledger holds one row per recipient,
-- written before anything is sent; every state change of a row is committed before the next step (see LedgerStore).

CREATE TABLE mailings (
    id              INTEGER PRIMARY KEY,
    source_kind     TEXT    NOT NULL CHECK (source_kind IN ('edition', 'campaign-mailing')),
    source_id       INTEGER NOT NULL,
    title           TEXT    NOT NULL,
    audience        TEXT    NOT NULL,             -- "list:SLUG" or "segment:SLUG" as resolved when it was created
    list_id         INTEGER REFERENCES lists(id) ON DELETE SET NULL, -- a list audience: unsubscribing from it skips the row
    status          TEXT    NOT NULL CHECK (status IN ('scheduled', 'running', 'paused', 'cancelled', 'finished')),
    status_reason   TEXT,                         -- why it paused itself, or who cancelled it
    total           INTEGER NOT NULL DEFAULT 0,
    lease_owner     TEXT,                         -- the sender process working on it
    lease_until     TEXT,                         -- a sender renews its lease while it runs; a dead one's lease runs out
    created_at      TEXT    NOT NULL,
    started_at      TEXT,
    finished_at     TEXT,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX mailings_status ON mailings(status);

CREATE TABLE ledger (
    id              INTEGER PRIMARY KEY,
    mailing_id      INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    status          TEXT    NOT NULL DEFAULT 'pending'
                    CHECK (status IN ('pending', 'sending', 'sent', 'retry', 'failed', 'skipped')),
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TEXT,                         -- for 'retry'
    reply           TEXT,                         -- the server's last reply (failed, retry) or its acceptance (sent)
    message_id      TEXT,
    sent_at         TEXT,
    updated_at      TEXT    NOT NULL,
    UNIQUE (mailing_id, subscriber_id)            -- a person on several lists of the audience gets one message
);
CREATE INDEX ledger_work ON ledger(mailing_id, status, id);

CREATE TABLE bounces (
    id              INTEGER PRIMARY KEY,
    mailing_id      INTEGER REFERENCES mailings(id) ON DELETE SET NULL,
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    kind            TEXT    NOT NULL CHECK (kind IN ('hard', 'soft')),
    code            TEXT    NOT NULL,             -- SMTP reply code, with the enhanced code when given: "550 5.1.1"
    reply           TEXT    NOT NULL,
    source          TEXT    NOT NULL DEFAULT 'smtp', -- smtp: refused while sending; dsn: a report received later
    bounced_at      TEXT    NOT NULL
);
CREATE INDEX bounces_subscriber ON bounces(subscriber_id);
CREATE INDEX bounces_mailing ON bounces(mailing_id);
