-- Bounces: hard and soft, from SMTP refusals while sending ('smtp') and from reports read in the bounce mailbox ('dsn').
-- The rules (hard: the person is bounced at once; soft: after a number within a window) live in BounceRecorder.

-- name: insert-bounce
-- Nothing is inserted (no row returned) when the person no longer exists or this report was already recorded for them.
-- A mailing that is gone (or 0, a test copy) is recorded as NULL.
INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, report_id, bounced_at)
SELECT (SELECT id FROM mailings WHERE id = @MailingId), s.id, @Kind, @Code, @Reply, @Source, @ReportId, @Now
FROM subscribers s WHERE s.id = @SubscriberId
ON CONFLICT (report_id, subscriber_id) WHERE report_id IS NOT NULL DO NOTHING
RETURNING id;

-- name: count-recent-soft
SELECT count(*) FROM bounces WHERE subscriber_id = @SubscriberId AND kind = 'soft' AND bounced_at >= @Since;

-- name: mark-subscriber-bounced
-- Only an active person becomes bounced: someone who unsubscribed stays unsubscribed.
UPDATE subscribers SET status = 'bounced', updated_at = @Now WHERE id = @SubscriberId AND status = 'active';

-- name: ledger-row
SELECT mailing_id, subscriber_id FROM ledger WHERE id = @Id;

-- name: find-by-message-id
SELECT mailing_id, subscriber_id FROM ledger WHERE message_id = @MessageId ORDER BY id DESC LIMIT 1;

-- name: find-subscriber-by-email
SELECT id FROM subscribers WHERE email_key = @EmailKey AND erased_at IS NULL;

-- name: list-bounces
-- The latest bounces first, optionally of one person or one mailing.
SELECT b.id, b.mailing_id, b.subscriber_id, s.email, s.status AS subscriber_status, b.kind, b.code, b.reply, b.source, b.bounced_at
FROM bounces b JOIN subscribers s ON s.id = b.subscriber_id
WHERE (@EmailKey IS NULL OR s.email_key = @EmailKey) AND (@MailingId IS NULL OR b.mailing_id = @MailingId)
ORDER BY b.id DESC
LIMIT @Limit;
