-- The delivery ledger: one row per recipient of a mailing. States: pending, sending, sent, retry, failed, skipped.
-- Every change is committed before the next step: 'sending' (claimed) before the message is handed to the transport,
-- 'sent' right after the server's acceptance. A row left in 'sending' by a crash is sent again once its claim expires.

-- name: insert-recipients
-- @Ids is a JSON array of subscriber ids; a person already in the ledger of the mailing is kept once.
INSERT OR IGNORE INTO ledger (mailing_id, subscriber_id, status, updated_at)
SELECT @MailingId, value, 'pending', @Now FROM json_each(@Ids);

-- Claims are fenced, and their time is the database's: "now" below is always SQLite's clock, never a node's, so a node
-- whose clock is off neither takes a live claim nor keeps an expired one. @ClaimFor and @HandoffFor are SQLite
-- modifiers ("+30.000 seconds").

-- name: claimable
-- In the claim's transaction (BEGIN IMMEDIATE: one writer): the next rows in order, pending ones, retries that are due,
-- and rows still 'sending' whose claim ran out (their sender died or stalled); taken_over says which were those.
SELECT id, status = 'sending' AS taken_over FROM ledger
WHERE mailing_id = @MailingId
  AND (status = 'pending' OR (status = 'retry' AND next_attempt_at <= @Now)
       OR (status = 'sending' AND (claim_until IS NULL OR claim_until < strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))))
ORDER BY id LIMIT @Limit;

-- name: claim
-- Marks the rows chosen by claimable 'sending' under claim @Claim until the database's now + @ClaimFor; returns their ids.
UPDATE ledger SET status = 'sending', attempts = attempts + 1, claimed_by = @Claim,
                  claim_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', @ClaimFor), updated_at = @Now
WHERE id IN (SELECT value FROM json_each(@Ids))
RETURNING id;

-- name: confirm-claim
-- Just before a row is handed to the transport: still ours and not expired? Then it is held for @HandoffFor, long
-- enough for the server's answer and the mark even if the sender stalls meanwhile. 0 rows: the claim is lost, do not send.
UPDATE ledger SET claim_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', @HandoffFor)
WHERE id = @Id AND claimed_by = @Claim AND status = 'sending' AND claim_until >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

-- name: renew-claims
-- While a run is alive: its live claims are extended (never shortened: a row being handed over keeps its longer hold).
-- An expired claim is not renewed: it may already be someone else's, and its rows are lost to this run.
UPDATE ledger SET claim_until = max(claim_until, strftime('%Y-%m-%dT%H:%M:%fZ', 'now', @ClaimFor))
WHERE mailing_id = @MailingId AND status = 'sending' AND claimed_by IN (SELECT value FROM json_each(@Claims))
  AND claim_until >= strftime('%Y-%m-%dT%H:%M:%fZ', 'now');

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

-- Marks apply only while the row is still in 'sending' under the claim that sent it: a claim that was taken over
-- leaves the row as its new holder marks it (0 rows changed: the sender lost the row).

-- name: mark-sent
UPDATE ledger SET status = 'sent', reply = @Reply, message_id = @MessageId, sent_at = @Now, next_attempt_at = NULL, updated_at = @Now
WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';

-- name: mark-retry
UPDATE ledger SET status = 'retry', reply = @Reply, next_attempt_at = @NextAttemptAt, updated_at = @Now WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';

-- name: mark-failed
UPDATE ledger SET status = 'failed', reply = @Reply, next_attempt_at = NULL, updated_at = @Now WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';

-- name: mark-skipped
UPDATE ledger SET status = 'skipped', reply = @Reply, updated_at = @Now WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';

-- name: release
-- Rows claimed but not handed to the transport (pause, cancel, shutdown) go back to pending, attempt not counted.
UPDATE ledger SET status = 'pending', attempts = max(attempts - 1, 0), claim_until = NULL, updated_at = @Now
WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';

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
