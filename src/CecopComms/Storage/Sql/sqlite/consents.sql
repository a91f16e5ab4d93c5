-- Consent records: how, where from, which wording, when.

-- name: insert-consent
INSERT INTO consents (subscriber_id, list_id, source, channel, wording_version, given_at)
VALUES (@SubscriberId, @ListId, @Source, @Channel, @WordingVersion, @Now);

-- name: consents-of-subscriber
SELECT c.id, l.slug AS list_slug, c.source, c.channel, c.wording_version, c.given_at, c.withdrawn_at
FROM consents c LEFT JOIN lists l ON l.id = c.list_id
WHERE c.subscriber_id = @SubscriberId
ORDER BY c.given_at, c.id;

-- name: erase-consent-channels
-- The channel may be an IP address or a name: personal data.
UPDATE consents SET channel = '' WHERE subscriber_id = @SubscriberId;

-- name: withdraw-consents
-- The person left the list (@ListId), or everything (@ListId NULL).
UPDATE consents SET withdrawn_at = @Now
WHERE subscriber_id = @SubscriberId AND withdrawn_at IS NULL AND (@ListId IS NULL OR list_id = @ListId);
