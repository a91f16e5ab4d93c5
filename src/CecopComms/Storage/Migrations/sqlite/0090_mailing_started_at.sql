-- Mailings created running (`send --now`) never passed through the status change that stamps started_at, so reports,
-- which place a mailing in the period its sending started, could not see them. The insert now stamps it; mailings
-- already sent that way get their creation time, which is when their sending began.
UPDATE mailings SET started_at = created_at
WHERE started_at IS NULL AND status IN ('running', 'paused', 'finished', 'cancelled')
  AND EXISTS (SELECT 1 FROM ledger l WHERE l.mailing_id = mailings.id AND l.status IN ('sent', 'failed', 'sending'));
