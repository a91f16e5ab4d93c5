-- What the admin pages read.

-- name: mailings-in-progress
-- What the admin home page shows: mailings not yet finished or cancelled, with their ledger counts.
SELECT * FROM mailing_progress
WHERE status IN ('scheduled', 'running', 'paused')
ORDER BY id DESC
LIMIT 100;
