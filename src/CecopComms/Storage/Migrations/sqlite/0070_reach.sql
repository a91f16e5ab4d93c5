-- Reach: channel figures staff enter or import (followers, website users…), and per-mailing figures the report
-- computes from the ledger, bounces and events and keeps, so a year report over millions of ledger rows reads a few
-- rows per mailing instead of the whole ledger.

-- One row per entry: a new entry for the same channel, metric and year supersedes the older one for reading (the
-- highest id wins) but never replaces it, so `cecop channels history` shows who entered what, when, from where.
CREATE TABLE channel_figures (
    id          INTEGER PRIMARY KEY,
    channel     TEXT    NOT NULL,                 -- twitter, facebook, linkedin, instagram, youtube, website, other
    metric      TEXT    NOT NULL,                 -- followers, users, visitors, unique-page-views
    year        INTEGER NOT NULL,
    value       INTEGER NOT NULL CHECK (value >= 0),
    source      TEXT    NOT NULL,                 -- where the number comes from: "X analytics", "CECOP activity report 2023"
    entered_at  TEXT    NOT NULL,
    entered_by  TEXT    NOT NULL                  -- the operating-system user, or "import FILE"
);
CREATE INDEX channel_figures_key ON channel_figures(channel, metric, year, id);

-- What one mailing achieved, computed from its ledger rows ('sent'), its bounces and its events. Never typed in:
-- `stamp` records what the figures were computed from (the mailing's finished_at, its bounce and event high-water
-- marks); when any of them moves (a late DSN bounce, a new open, a retry of failed rows) the report computes the row
-- again. Only finished or cancelled mailings are kept; a running one is computed at every report.
CREATE TABLE mailing_figures (
    mailing_id    INTEGER PRIMARY KEY REFERENCES mailings(id) ON DELETE CASCADE,
    stamp         TEXT    NOT NULL,
    sent          INTEGER NOT NULL,               -- ledger rows 'sent'
    bounced       INTEGER NOT NULL,               -- of those, recipients with a bounce recorded for this mailing
    delivered     INTEGER NOT NULL,               -- sent - bounced
    opened        INTEGER NOT NULL,               -- distinct people with an open event
    clicked       INTEGER NOT NULL,               -- distinct people with a click event
    unsubscribed  INTEGER NOT NULL,               -- distinct people who unsubscribed through this mailing's link
    people_first  INTEGER NOT NULL,               -- subscriber id of bit 0 of people
    people        BLOB    NOT NULL,               -- bitset of the delivered subscriber ids, for unique reach across mailings
    computed_at   TEXT    NOT NULL
);
