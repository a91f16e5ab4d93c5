-- CSV import of member organisations and of subscribers into a list (Audience/Import).
-- Parameters are bound once per prepared command and rebound per row; see SubscriberBatchWriter and OrganisationBatchWriter.

-- name: get-list
SELECT id, slug, double_opt_in, members_only FROM lists WHERE slug = $slug;

-- name: get-organisations
SELECT id, name_key, name, country, category, website FROM organisations;

-- name: create-seen
-- Addresses met so far in this file, to refuse a second row for the same person. A temp table keeps memory flat in
-- the file size, and it shares the batch transaction, so a rolled-back batch forgets its addresses too.
DROP TABLE IF EXISTS temp.import_seen;
CREATE TEMP TABLE import_seen (email_key TEXT PRIMARY KEY, line INTEGER NOT NULL) WITHOUT ROWID;

-- name: drop-seen
DROP TABLE IF EXISTS temp.import_seen;

-- name: mark-seen
INSERT INTO temp.import_seen (email_key, line) VALUES ($key, $line) ON CONFLICT (email_key) DO NOTHING;

-- name: seen-line
SELECT line FROM temp.import_seen WHERE email_key = $key;

-- name: find-subscribers
-- $keys is a JSON array of email keys: one query per batch instead of one per row.
SELECT s.id, s.email_key, s.name, s.language, s.organisation_id, s.attributes, s.status,
       sub.status AS subscription_status, sub.unsubscribed_at
FROM subscribers s
LEFT JOIN subscriptions sub ON sub.subscriber_id = s.id AND sub.list_id = $list
WHERE s.email_key IN (SELECT value FROM json_each($keys));

-- name: insert-subscriber
INSERT INTO subscribers (uuid, email, email_key, name, language, organisation_id, attributes, status, created_at, updated_at)
VALUES ($uuid, $email, $key, $name, $language, $organisation, $attributes, 'active', $now, $now)
RETURNING id;

-- name: update-subscriber
UPDATE subscribers SET name = $name, language = $language, organisation_id = $organisation, attributes = $attributes, updated_at = $now
WHERE id = $id;

-- name: insert-subscription
INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at)
VALUES ($list, $subscriber, $status, $now, $confirmed_at, $now);

-- name: confirm-subscription
UPDATE subscriptions SET status = 'confirmed', confirmed_at = $now, updated_at = $now
WHERE list_id = $list AND subscriber_id = $subscriber AND status = 'unconfirmed';

-- name: insert-consent
INSERT INTO consents (subscriber_id, list_id, source, channel, wording_version, given_at)
VALUES ($subscriber, $list, 'import', $channel, $wording, $now);

-- name: insert-organisation
INSERT INTO organisations (name, name_key, country, category, website, created_at, updated_at)
VALUES ($name, $key, $country, $category, $website, $now, $now)
RETURNING id;

-- name: update-organisation
UPDATE organisations SET name = $name, country = $country, category = $category, website = $website, updated_at = $now
WHERE id = $id;
