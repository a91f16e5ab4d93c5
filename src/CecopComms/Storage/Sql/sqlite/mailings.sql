-- Mailings: one send of an edition or campaign mailing, with its state and a sender's lease on it.

-- name: insert-mailing
-- A mailing created running (send --now) starts now; a scheduled one starts when set-status makes it run.
INSERT INTO mailings (source_kind, source_id, title, audience, list_id, status, created_at, started_at, updated_at)
VALUES (@SourceKind, @SourceId, @Title, @Audience, @ListId, @Status, @Now, CASE WHEN @Status = 'running' THEN @Now END, @Now)
RETURNING id;

-- name: live-mailing-for-source
SELECT id, status FROM mailings
WHERE source_kind = @SourceKind AND source_id = @SourceId AND status <> 'cancelled'
LIMIT 1;

-- name: sources-with-live-mailing
-- Every edition and campaign mailing that has a mailing other than a cancelled one: sent, sending, paused or waiting.
SELECT DISTINCT source_kind || ':' || source_id FROM mailings WHERE status <> 'cancelled';

-- name: set-total
UPDATE mailings SET total = (SELECT count(*) FROM ledger WHERE mailing_id = @Id), updated_at = @Now WHERE id = @Id;

-- name: get-mailing
SELECT * FROM mailing_progress WHERE id = @Id;

-- name: list-mailings
SELECT * FROM mailing_progress
WHERE @Status IS NULL OR status = @Status
ORDER BY id DESC
LIMIT @Limit;

-- name: get-status
SELECT status, status_reason FROM mailings WHERE id = @Id;

-- name: set-status
-- Moves a mailing from one of @From to @To; returns the rows changed (0: it was not in a state that allows it).
UPDATE mailings
SET status = @To, status_reason = @Reason, updated_at = @Now,
    started_at = CASE WHEN @To = 'running' THEN coalesce(started_at, @Now) ELSE started_at END,
    finished_at = CASE WHEN @To IN ('finished', 'cancelled') THEN @Now ELSE finished_at END
WHERE id = @Id AND status IN @From;

-- name: take-lease
-- A sender takes a running mailing when nobody holds it or the holder's lease ran out (it died); renewing is the same call.
-- Time is the database's (@For is a modifier, "+5.000 seconds"), so a node whose clock is off cannot take a live lease.
UPDATE mailings SET lease_owner = @Owner, lease_until = strftime('%Y-%m-%dT%H:%M:%fZ', 'now', @For)
WHERE id = @Id AND (lease_owner IS NULL OR lease_owner = @Owner OR lease_until < strftime('%Y-%m-%dT%H:%M:%fZ', 'now'));

-- name: release-lease
UPDATE mailings SET lease_owner = NULL, lease_until = NULL WHERE id = @Id AND lease_owner = @Owner;

-- name: runnable-mailings
-- Running mailings no live sender holds.
SELECT id FROM mailings WHERE status = 'running' AND (lease_owner IS NULL OR lease_until < strftime('%Y-%m-%dT%H:%M:%fZ', 'now')) ORDER BY id;
