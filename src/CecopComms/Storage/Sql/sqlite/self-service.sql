-- What a person does for themselves through the public pages and signed links: sign up, confirm, unsubscribe,
-- change their preferences. Staff and imports go through subscriptions.sql, whose rules are stricter about
-- unsubscribed people: here the person is the one asking.

-- name: get-subscriber-by-uuid
SELECT * FROM subscribers WHERE uuid = @Uuid AND erased_at IS NULL;

-- name: get-subscription
SELECT l.slug AS list_slug, l.name AS list_name, x.status, x.created_at, x.confirmed_at, x.unsubscribed_at, x.updated_at
FROM subscriptions x JOIN lists l ON l.id = x.list_id
WHERE x.subscriber_id = @SubscriberId AND x.list_id = @ListId;

-- name: insert-pending-subscription
-- A sign-up waiting for its confirmation; a row that exists (confirmed, unsubscribed, pending) is left as it is.
INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, updated_at)
VALUES (@ListId, @SubscriberId, 'unconfirmed', @Now, @Now)
ON CONFLICT (list_id, subscriber_id) DO NOTHING;

-- name: confirm-subscription
-- The person's own consent (a confirmation link, or their preference page): confirmed whatever the row was before.
INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at)
VALUES (@ListId, @SubscriberId, 'confirmed', @Now, @Now, @Now)
ON CONFLICT (list_id, subscriber_id) DO UPDATE
SET status = 'confirmed', confirmed_at = excluded.confirmed_at, unsubscribed_at = NULL, updated_at = excluded.updated_at
WHERE subscriptions.status <> 'confirmed';

-- name: reactivate-subscriber
-- Someone who opted out of everything, or whose address bounced, and now proves they read the mailbox.
UPDATE subscribers SET status = 'active', updated_at = @Now
WHERE id = @Id AND status IN ('unsubscribed', 'bounced');

-- name: list-of-mailing
-- The list a mailing went to; no row when the mailing does not exist, a row of NULLs for a segment's mailing.
SELECT l.* FROM mailings m LEFT JOIN lists l ON l.id = m.list_id WHERE m.id = @MailingId;

-- name: count-mailing
SELECT count(*) FROM mailings WHERE id = @MailingId;

-- name: unsubscribe-from-list
UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = @Now, updated_at = @Now
WHERE subscriber_id = @SubscriberId AND list_id = @ListId AND status <> 'unsubscribed';

-- name: unsubscribe-from-all-lists
UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = @Now, updated_at = @Now
WHERE subscriber_id = @SubscriberId AND status <> 'unsubscribed';

-- name: opt-out-subscriber
-- Segments select active subscribers whatever their lists: a person who leaves a segment's mailing leaves them all.
UPDATE subscribers SET status = 'unsubscribed', updated_at = @Now WHERE id = @Id AND status = 'active';

-- name: insert-unsubscribe-event
INSERT INTO events (mailing_id, subscriber_id, kind, occurred_at) VALUES (@MailingId, @SubscriberId, 'unsubscribe', @Now);

-- name: update-profile
UPDATE subscribers SET name = @Name, language = @Language, updated_at = @Now WHERE id = @Id;
