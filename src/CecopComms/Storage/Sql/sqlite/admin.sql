-- What the admin pages read.

-- name: mailings-in-progress
-- What the admin home page shows: mailings not yet finished or cancelled, with their ledger counts.
SELECT id, title, audience, status, status_reason, total, sent, failed, skipped, retrying, waiting, started_at
FROM mailing_progress
WHERE status IN ('scheduled', 'running', 'paused')
ORDER BY id DESC
LIMIT 100;
