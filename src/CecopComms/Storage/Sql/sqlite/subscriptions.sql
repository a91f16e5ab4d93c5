-- One person on one list.

-- name: upsert-subscription
INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, updated_at)
VALUES (@ListId, @SubscriberId, @Status, @Now, @ConfirmedAt, @Now)
ON CONFLICT (list_id, subscriber_id) DO UPDATE
SET status = CASE WHEN subscriptions.status = 'confirmed' AND excluded.status = 'unconfirmed' THEN 'confirmed' ELSE excluded.status END,
    confirmed_at = coalesce(excluded.confirmed_at, subscriptions.confirmed_at),
    unsubscribed_at = NULL,
    updated_at = excluded.updated_at
-- Someone who unsubscribed is never put back by staff or a script: the row is left alone and the caller refuses.
WHERE subscriptions.status <> 'unsubscribed';

-- name: subscriptions-of-subscriber
SELECT l.slug AS list_slug, l.name AS list_name, x.status, x.created_at, x.confirmed_at, x.unsubscribed_at, x.updated_at
FROM subscriptions x JOIN lists l ON l.id = x.list_id
WHERE x.subscriber_id = @SubscriberId
ORDER BY l.slug;

-- name: unsubscribe-by-staff
-- Staff take a person off a list (they asked by other means): recorded as an unsubscribe, so only the person can
-- subscribe again.
UPDATE subscriptions SET status = 'unsubscribed', unsubscribed_at = @Now, updated_at = @Now
WHERE subscriber_id = @SubscriberId AND list_id = @ListId AND status <> 'unsubscribed';
