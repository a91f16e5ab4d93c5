-- The delivery ledger: one row per recipient of a mailing. States: pending, sending, sent, retry, failed, skipped.
-- Every change is committed before the next step: 'sending' before the message is handed to the transport,
-- 'sent' right after the server's acceptance. A row left in 'sending' by a crash is sent again on restart.

-- name: insert-recipients
-- @Ids is a JSON array of subscriber ids; a person already in the ledger of the mailing is kept once.
INSERT OR IGNORE INTO ledger (mailing_id, subscriber_id, status, updated_at)
SELECT @MailingId, value, 'pending', @Now FROM json_each(@Ids);

-- name: recover-sending
-- At the start of a run, under the mailing's lease: rows a dead sender left in 'sending' go back to pending. They are
-- the only messages that may already have reached the server; returns how many.
UPDATE ledger SET status = 'pending', updated_at = @Now WHERE mailing_id = @MailingId AND status = 'sending';

-- name: claim
-- Marks the next rows 'sending', in order: pending ones, then retries that are due; returns their ids.
UPDATE ledger SET status = 'sending', attempts = attempts + 1, updated_at = @Now
WHERE id IN (SELECT id FROM ledger
             WHERE mailing_id = @MailingId AND (status = 'pending' OR (status = 'retry' AND next_attempt_at <= @Now))
             ORDER BY id LIMIT @Limit)
RETURNING id;

-- name: claimed-recipients
-- What rendering needs for each claimed row, and whether the person may still be mailed.
SELECT l.id AS ledger_id, l.attempts, s.id AS subscriber_id, s.uuid, s.email, s.name, s.language, s.attributes,
       o.name AS organisation_name, o.country,
       (s.status = 'active' AND s.erased_at IS NULL
        AND (m.list_id IS NULL OR EXISTS (SELECT 1 FROM subscriptions x
             WHERE x.list_id = m.list_id AND x.subscriber_id = s.id AND x.status = 'confirmed'))) AS mailable
FROM ledger l
JOIN mailings m ON m.id = l.mailing_id
JOIN subscribers s ON s.id = l.subscriber_id
LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE l.id IN (SELECT value FROM json_each(@Ids))
ORDER BY l.id;

-- name: mark-sent
UPDATE ledger SET status = 'sent', reply = @Reply, message_id = @MessageId, sent_at = @Now, next_attempt_at = NULL, updated_at = @Now
WHERE id = @Id;

-- name: mark-retry
UPDATE ledger SET status = 'retry', reply = @Reply, next_attempt_at = @NextAttemptAt, updated_at = @Now WHERE id = @Id;

-- name: mark-failed
UPDATE ledger SET status = 'failed', reply = @Reply, next_attempt_at = NULL, updated_at = @Now WHERE id = @Id;

-- name: mark-skipped
UPDATE ledger SET status = 'skipped', reply = @Reply, updated_at = @Now WHERE id = @Id;

-- name: release
-- Rows claimed but not handed to the transport (pause, cancel, shutdown) go back to pending, attempt not counted.
UPDATE ledger SET status = 'pending', attempts = max(attempts - 1, 0), updated_at = @Now
WHERE id IN (SELECT value FROM json_each(@Ids)) AND status = 'sending';

-- name: retry-failed
UPDATE ledger SET status = 'pending', attempts = 0, reply = NULL, updated_at = @Now
WHERE mailing_id = @MailingId AND status = 'failed'
  AND subscriber_id NOT IN (SELECT id FROM subscribers WHERE status <> 'active');

-- name: skip-waiting
-- A cancelled mailing: what was still to send is skipped.
UPDATE ledger SET status = 'skipped', reply = 'cancelled', updated_at = @Now
WHERE mailing_id = @MailingId AND status IN ('pending', 'retry');

-- name: next-retry-at
SELECT min(next_attempt_at) FROM ledger WHERE mailing_id = @MailingId AND status = 'retry';

-- name: remaining
SELECT count(*) FROM ledger WHERE mailing_id = @MailingId AND status IN ('pending', 'sending', 'retry');

-- A refused recipient's bounce is recorded by BounceRecorder (bounces.sql), which holds the hard/soft rules.

-- name: list-rows
-- A mailing's rows in one state, for show and tests.
SELECT l.id, l.subscriber_id, s.email, l.status, l.attempts, l.reply, l.sent_at
FROM ledger l JOIN subscribers s ON s.id = l.subscriber_id
WHERE l.mailing_id = @MailingId AND (@Status IS NULL OR l.status = @Status)
ORDER BY l.id
LIMIT @Limit;
