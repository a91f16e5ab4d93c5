-- Content: publications and their numbered editions, campaigns and their planned mailings.
-- Editions and campaign mailings keep the source text they were loaded from (YAML, Markdown), so a compile
-- re-reads it and reports problems at the file, line and column the author wrote.

CREATE TABLE publications (
    id            INTEGER PRIMARY KEY,
    slug          TEXT    NOT NULL UNIQUE,
    name          TEXT    NOT NULL,
    audience      TEXT    NOT NULL,             -- list:SLUG or segment:SLUG (see AudienceResolver)
    template      TEXT    NOT NULL,             -- templates/{template}.html.sbn, and .txt.sbn when there is one
    from_name     TEXT    NOT NULL,
    from_address  TEXT    NOT NULL,
    reply_to      TEXT,
    created_at    TEXT    NOT NULL,
    updated_at    TEXT    NOT NULL
);

CREATE TABLE editions (
    id              INTEGER PRIMARY KEY,
    publication_id  INTEGER NOT NULL REFERENCES publications(id),
    year            INTEGER NOT NULL,
    number          INTEGER NOT NULL,             -- per publication and year: "CECOP Link #9 - 2023"
    issue_date      TEXT    NOT NULL,             -- yyyy-MM-dd
    subject         TEXT    NOT NULL,             -- the English subject, for listings
    source_name     TEXT    NOT NULL,             -- the file it was loaded from, named in validation messages
    source          TEXT    NOT NULL,             -- the edition as YAML with Markdown fields
    state           TEXT    NOT NULL DEFAULT 'draft'
                    CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
    created_at      TEXT    NOT NULL,
    updated_at      TEXT    NOT NULL,
    UNIQUE (publication_id, year, number)
);

CREATE TABLE campaigns (
    id           INTEGER PRIMARY KEY,
    slug         TEXT    NOT NULL UNIQUE,         -- the folder name under campaigns/
    hashtag      TEXT    NOT NULL,
    name         TEXT    NOT NULL,
    starts_on    TEXT    NOT NULL,                -- yyyy-MM-dd
    ends_on      TEXT    NOT NULL,
    audience     TEXT    NOT NULL,
    source       TEXT    NOT NULL,                -- campaign.yaml
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL
);

CREATE TABLE campaign_mailings (
    id           INTEGER PRIMARY KEY,
    campaign_id  INTEGER NOT NULL REFERENCES campaigns(id) ON DELETE CASCADE,
    slug         TEXT    NOT NULL,                -- the Markdown file's name without .md
    title        TEXT    NOT NULL,
    planned_at   TEXT    NOT NULL,
    files        TEXT    NOT NULL,                -- JSON object: file name -> Markdown text (one per language)
    state        TEXT    NOT NULL DEFAULT 'draft'
                 CHECK (state IN ('draft', 'scheduled', 'sending', 'sent', 'cancelled')),
    created_at   TEXT    NOT NULL,
    updated_at   TEXT    NOT NULL,
    UNIQUE (campaign_id, slug)
);

-- CECOP's two publications, seeded like their lists in 0001: every database has them from the start, editions
-- reference them by key, and their sender identities can be changed later without a release.
INSERT INTO publications (slug, name, audience, template, from_name, from_address, reply_to, created_at, updated_at) VALUES
  ('cecop-link', 'CECOP Link', 'list:cecop-link', 'cecop-link', 'CECOP Link', 'link@cecop.coop', 'communication@cecop.coop',
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now')),
  ('cecop-newsletter', 'CECOP Newsletter', 'list:external-newsletter', 'cecop-newsletter', 'CECOP Newsletter', 'newsletter@cecop.coop', 'communication@cecop.coop',
   strftime('%Y-%m-%dT%H:%M:%fZ', 'now'), strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));
