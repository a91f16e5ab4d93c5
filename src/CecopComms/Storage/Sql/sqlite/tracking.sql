-- Tracking: the numbered links of each mailing, and the opens and clicks recorded through the tracking endpoints.

-- name: insert-mailing-link
-- Written once when the mailing is created; a second write of the same mailing changes nothing.
INSERT INTO mailing_links (mailing_id, n, url) VALUES (@MailingId, @N, @Url)
ON CONFLICT (mailing_id, n) DO NOTHING;

-- name: mailing-links
SELECT url FROM mailing_links WHERE mailing_id = @MailingId ORDER BY n;

-- name: insert-event
-- The subscriber is named by the uuid of the signed token. Erasure gives the person a new uuid, so the tokens of the
-- mail they kept name nobody and record nothing: an event without a person would count as one more person at every
-- replay. A mailing deleted since the token was issued records nothing rather than failing the batch on its foreign key.
INSERT INTO events (mailing_id, subscriber_id, kind, url, occurred_at)
SELECT @MailingId, s.id, @Kind, @Url, @OccurredAt
FROM subscribers s
WHERE s.uuid = @SubscriberUuid AND s.erased_at IS NULL AND EXISTS (SELECT 1 FROM mailings WHERE id = @MailingId);

-- name: events-of-subscriber
-- What one person did with the mailings they received (GDPR export): opens, clicks, unsubscribes.
SELECT e.mailing_id, m.title, e.kind, e.url, e.occurred_at
FROM events e JOIN mailings m ON m.id = e.mailing_id
WHERE e.subscriber_id = @SubscriberId
ORDER BY e.id;
