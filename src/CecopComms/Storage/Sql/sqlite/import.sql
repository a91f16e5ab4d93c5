-- CSV import of member organisations and of subscribers into a list (Audience/Import).
-- Statements are prepared once per import. Subscriber batches go in as JSON arrays read with json_each (bound as
-- UTF-8 bytes, hence CAST … AS TEXT: no UTF-16 copy of a megabyte-sized array per statement): a handful of
-- statements per batch of 5,000 rows instead of several per row.

-- name: get-list
SELECT id, slug, double_opt_in, members_only FROM lists WHERE slug = @slug;

-- name: get-organisations
SELECT id, name_key, name, country, category, website FROM organisations;

-- name: create-seen
-- What this import has met so far, to refuse a second row for the same person with the line of the first. A new
-- subscriber needs no row of its own here: its email_key is already in the subscribers table, and import_runs maps its
-- id back to its line (ids of one insert statement are consecutive, and so mostly are the lines: one run per stretch).
-- import_seen holds only the rest: rows that met a stored subscriber, and refused ones. Temp tables keep memory flat in
-- the file size, and they share the batch transaction, so a rolled-back batch forgets its rows too.
DROP TABLE IF EXISTS temp.import_seen;
DROP TABLE IF EXISTS temp.import_runs;
CREATE TEMP TABLE import_seen (email_key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;
CREATE TEMP TABLE import_runs (first_id INTEGER PRIMARY KEY, last_id INTEGER NOT NULL, first_line INTEGER NOT NULL);

-- name: drop-seen
DROP TABLE IF EXISTS temp.import_seen;
DROP TABLE IF EXISTS temp.import_runs;

-- name: widen-cache
-- A bounded page cache large enough for the indexes' working set: with SQLite's default 2 MB, inserting into the
-- email_key index of a large table evicts and rereads pages at every row. Bounded, so memory stays flat in the file size.
-- Checkpointing every 16,384 WAL pages instead of 1,000 writes an index page touched by many batches back once.
PRAGMA cache_size = -65536;
PRAGMA temp.cache_size = -16384;
PRAGMA wal_autocheckpoint = 16384;

-- name: restore-cache
PRAGMA cache_size = -2000;
PRAGMA temp.cache_size = -2000;
PRAGMA wal_autocheckpoint = 1000;

-- name: mark-seen
-- @rows: [[email_key, line]] for the batch's rows that inserted no subscriber.
INSERT INTO temp.import_seen (email_key, line)
SELECT j.value ->> 0, j.value ->> 1 FROM json_each(CAST(@rows AS TEXT)) j;

-- name: mark-runs
-- @rows: [[first_id, last_id, first_line]]: subscribers first_id..last_id came from lines first_line, first_line + 1, …
INSERT INTO temp.import_runs (first_id, last_id, first_line)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2 FROM json_each(CAST(@rows AS TEXT)) j;

-- name: find-subscribers
-- For the batch's distinct addresses (@keys, a JSON array; one query per batch instead of one per row): the stored
-- subscriber with its subscription to the list, and the line of this file that already had the address, if any.
SELECT j.value AS email_key, s.id, s.name, s.language, s.organisation_id, s.attributes, s.status,
       sub.status AS subscription_status, sub.unsubscribed_at,
       coalesce(seen.line, (SELECT CASE WHEN r.last_id >= s.id THEN r.first_line + s.id - r.first_id END
                            FROM temp.import_runs r WHERE r.first_id <= s.id ORDER BY r.first_id DESC LIMIT 1)) AS earlier_line
FROM json_each(CAST(@keys AS TEXT)) j
LEFT JOIN subscribers s ON s.email_key = j.value
LEFT JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.list_id = @list
LEFT JOIN temp.import_seen seen ON seen.email_key = j.value
WHERE s.id IS NOT NULL OR seen.line IS NOT NULL;

-- name: insert-subscribers
-- The batch's new subscribers in one statement. @rows is a JSON array with one array per subscriber, in file order:
-- [uuid, email, email_key, name, language, organisation_id or null, attributes JSON text].
INSERT INTO subscribers (uuid, email, email_key, name, language, organisation_id, attributes, status, created_at, updated_at)
SELECT j.value ->> 0, j.value ->> 1, j.value ->> 2, j.value ->> 3, j.value ->> 4, j.value ->> 5, j.value ->> 6, 'active', @now, @now
FROM json_each(CAST(@rows AS TEXT)) j
RETURNING id, email_key;

-- name: update-subscriber
UPDATE subscribers SET name = @name, language = @language, organisation_id = @organisation, attributes = @attributes, updated_at = @now
WHERE id = @id;

-- name: insert-subscriptions
-- @rows: [{"id": subscriber id, "status": "confirmed" | "unconfirmed"}].
INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at)
SELECT @list, j.value ->> 'id', j.value ->> 'status', @now, CASE WHEN j.value ->> 'status' = 'confirmed' THEN @now END, @now
FROM json_each(CAST(@rows AS TEXT)) j;

-- name: confirm-subscription
UPDATE subscriptions SET status = 'confirmed', confirmed_at = @now, updated_at = @now
WHERE list_id = @list AND subscriber_id = @subscriber AND status = 'unconfirmed';

-- name: insert-consents
-- @rows: [{"id": subscriber id, "wording": wording version}]; the channel is the file name.
INSERT INTO consents (subscriber_id, list_id, source, channel, wording_version, given_at)
SELECT j.value ->> 'id', @list, 'import', @channel, j.value ->> 'wording', @now
FROM json_each(CAST(@rows AS TEXT)) j;

-- name: insert-organisation
INSERT INTO organisations (name, name_key, country, category, website, created_at, updated_at)
VALUES (@name, @key, @country, @category, @website, @now, @now)
RETURNING id;

-- name: update-organisation
UPDATE organisations SET name = @name, country = @country, category = @category, website = @website, updated_at = @now
WHERE id = @id;
