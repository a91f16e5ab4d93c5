-- Engagement events: what a recipient did with a mailing after it was sent. Sending itself is the ledger (a 'sent'
-- row is a message handed over) and refusals are the bounces table; this table holds what comes back from the web:
-- opens and clicks (only while tracking is on) and unsubscribes made through a mailing's signed link.
-- Reach reports read all three: ledger (sent), bounces (not delivered), events (opened, clicked, unsubscribed).
CREATE TABLE events (
    id              INTEGER PRIMARY KEY,
    mailing_id      INTEGER NOT NULL REFERENCES mailings(id) ON DELETE CASCADE,
    subscriber_id   INTEGER REFERENCES subscribers(id) ON DELETE SET NULL,
    kind            TEXT    NOT NULL CHECK (kind IN ('open', 'click', 'unsubscribe')),
    url             TEXT,                         -- click: the link of the mailing that was followed
    occurred_at     TEXT    NOT NULL
);
CREATE INDEX events_mailing ON events(mailing_id, kind);
CREATE INDEX events_subscriber ON events(subscriber_id);
