-- What delivery keeps on one subscriber, for the GDPR export and erasure (see DeliveryPersonalData).

-- name: messages-of-subscriber
SELECT m.id AS mailing_id, m.title, l.status, l.attempts, l.message_id, l.sent_at, l.reply
FROM ledger l JOIN mailings m ON m.id = l.mailing_id
WHERE l.subscriber_id = @SubscriberId
ORDER BY l.id;

-- name: bounces-of-subscriber
SELECT mailing_id, kind, code, reply, source, bounced_at
FROM bounces WHERE subscriber_id = @SubscriberId
ORDER BY id;

-- name: erase-ledger-replies
-- Servers quote the recipient's address in their replies; the row and its state stay for the counts.
UPDATE ledger SET reply = NULL WHERE subscriber_id = @SubscriberId;

-- name: erase-bounce-replies
UPDATE bounces SET reply = '(erased)' WHERE subscriber_id = @SubscriberId;
