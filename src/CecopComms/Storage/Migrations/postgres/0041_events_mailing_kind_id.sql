-- The reach report's stamp of each mailing reads the highest event id per mailing and kind. SQLite's index on
-- (mailing_id, kind) carries the rowid, so that is its last entry; PostgreSQL's does not, and read every open of the
-- mailing (about 130,000 for a mailing of 833,000) to find it. With id in the index it is one entry, index only.
CREATE INDEX events_mailing_kind_id ON events(mailing_id, kind, id);
DROP INDEX events_mailing;
