-- Audiences: member organisations, subscribers, consent, lists, subscriptions, segments.
-- Times are UTC text in one sortable shape, 'yyyy-MM-ddTHH:mm:ss.fffZ' (see DbTime); keys named *_key are normalised forms for uniqueness.

CREATE TABLE organisations (
    id          INTEGER PRIMARY KEY,
    name        TEXT    NOT NULL,
    name_key    TEXT    NOT NULL UNIQUE,          -- lower-cased, trimmed, NFC
    country     TEXT    NOT NULL,                 -- ISO 3166-1 alpha-2, upper case
    category    TEXT    NOT NULL CHECK (category IN ('full', 'associated', 'affiliate')),
    website     TEXT,
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

CREATE TABLE subscribers (
    id              INTEGER PRIMARY KEY,
    uuid            TEXT    NOT NULL UNIQUE,      -- public identity used in signed tokens, never the email
    email           TEXT    NOT NULL,             -- as the person wrote it, domain lower-cased (Unicode)
    email_key       TEXT    NOT NULL UNIQUE,      -- lower-cased, domain in punycode: the case-insensitive identity
    name            TEXT    NOT NULL DEFAULT '',
    language        TEXT    NOT NULL DEFAULT 'en',-- BCP 47
    organisation_id INTEGER REFERENCES organisations(id) ON DELETE SET NULL,
    attributes      TEXT    NOT NULL DEFAULT '{}',-- JSON object
    status          TEXT    NOT NULL DEFAULT 'active'
                    CHECK (status IN ('active', 'unsubscribed', 'bounced', 'blocklisted')),
    erased_at       TEXT,                         -- set when personal data was erased (GDPR art. 17)
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL
);
CREATE INDEX subscribers_organisation ON subscribers(organisation_id);
CREATE INDEX subscribers_status ON subscribers(status);

CREATE TABLE lists (
    id             INTEGER PRIMARY KEY,
    slug           TEXT    NOT NULL UNIQUE,
    name           TEXT    NOT NULL,
    description    TEXT    NOT NULL DEFAULT '',
    visibility     TEXT    NOT NULL CHECK (visibility IN ('public', 'private')),
    double_opt_in  INTEGER NOT NULL DEFAULT 0,
    members_only   INTEGER NOT NULL DEFAULT 0,
    created_at     TEXT    NOT NULL,
    updated_at     TEXT    NOT NULL
);

CREATE TABLE subscriptions (
    list_id          INTEGER NOT NULL REFERENCES lists(id) ON DELETE CASCADE,
    subscriber_id    INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    status           TEXT    NOT NULL CHECK (status IN ('unconfirmed', 'confirmed', 'unsubscribed')),
    created_at       TEXT    NOT NULL,
    confirmed_at     TEXT,
    unsubscribed_at  TEXT,
    updated_at       TEXT    NOT NULL,
    PRIMARY KEY (list_id, subscriber_id)
);
CREATE INDEX subscriptions_subscriber ON subscriptions(subscriber_id);

CREATE TABLE consents (
    id              INTEGER PRIMARY KEY,
    subscriber_id   INTEGER NOT NULL REFERENCES subscribers(id) ON DELETE CASCADE,
    list_id         INTEGER REFERENCES lists(id) ON DELETE SET NULL,
    source          TEXT    NOT NULL,             -- import, form, admin, cli
    channel         TEXT    NOT NULL DEFAULT '',  -- IP address, file name, or user
    wording_version TEXT    NOT NULL DEFAULT '',
    given_at        TEXT    NOT NULL,
    withdrawn_at    TEXT
);
CREATE INDEX consents_subscriber ON consents(subscriber_id);

CREATE TABLE segments (
    id          INTEGER PRIMARY KEY,
    slug        TEXT    NOT NULL UNIQUE,
    name        TEXT    NOT NULL,
    filter      TEXT    NOT NULL,                 -- JSON: the saved filter
    created_at  TEXT    NOT NULL,
    updated_at  TEXT    NOT NULL
);

-- A new database starts with CECOP's two publications' audiences.
INSERT INTO lists (slug, name, description, visibility, double_opt_in, members_only, created_at, updated_at) VALUES
  ('cecop-link', 'CECOP Link', 'Members-only internal newsletter for contact persons of member organisations.', 'private', 0, 1, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('external-newsletter', 'CECOP Newsletter', 'Public newsletter on EU social affairs and legislative monitoring.', 'public', 1, 0, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
