-- PostgreSQL versions of the ledger queries whose text differs from Storage/Sql/sqlite/ledger.sql. Time for claims is
-- the database's clock_timestamp() (not now(), the transaction's start); lengths are seconds (@ClaimSeconds,
-- @HandoffSeconds) instead of SQLite modifiers.

-- name: insert-recipients
-- ON CONFLICT instead of INSERT OR IGNORE; the ids come as a bigint array (@IdList) instead of JSON.
INSERT INTO ledger (mailing_id, subscriber_id, status, updated_at)
SELECT @MailingId, id, 'pending', @Now FROM unnest(@IdList) AS id
ON CONFLICT DO NOTHING;

-- name: claimable
-- Unused on PostgreSQL: claim chooses and marks the rows in one statement. Kept so both dialects name the same queries.
SELECT NULL::bigint AS id, false AS taken_over WHERE false;

-- name: claim
-- One statement that chooses and marks (several nodes claim at once): the inner SELECT locks the next free rows and
-- skips those another claimer holds; the outer WHERE re-checks that each row is still free on its newest version
-- (a row updated meanwhile is re-read, EvalPlanQual), so no row is claimed twice. taken_over comes from the locked
-- row as it was before the update: 'sending' there means its claim ran out and it is taken over.
UPDATE ledger l SET status = 'sending', attempts = l.attempts + 1, claimed_by = @Claim,
                    claim_until = clock_timestamp() + make_interval(secs => @ClaimSeconds), updated_at = @Now
FROM (SELECT id, status = 'sending' AS taken_over FROM ledger
      WHERE mailing_id = @MailingId
        AND (status = 'pending' OR (status = 'retry' AND next_attempt_at <= @Now)
             OR (status = 'sending' AND (claim_until IS NULL OR claim_until < clock_timestamp())))
      ORDER BY id LIMIT @Limit
      FOR UPDATE SKIP LOCKED) c
WHERE l.id = c.id
  AND (l.status = 'pending' OR (l.status = 'retry' AND l.next_attempt_at <= @Now)
       OR (l.status = 'sending' AND (l.claim_until IS NULL OR l.claim_until < clock_timestamp())))
RETURNING l.id, c.taken_over;

-- name: confirm-claim
-- clock_timestamp() and an interval in seconds instead of strftime modifiers.
UPDATE ledger SET claim_until = clock_timestamp() + make_interval(secs => @HandoffSeconds)
WHERE id = @Id AND claimed_by = @Claim AND status = 'sending' AND claim_until >= clock_timestamp();

-- name: renew-claims
-- GREATEST for two-argument max, the claims as a text array (@ClaimList), clock_timestamp() for SQLite's now.
UPDATE ledger SET claim_until = GREATEST(claim_until, clock_timestamp() + make_interval(secs => @ClaimSeconds))
WHERE mailing_id = @MailingId AND status = 'sending' AND claimed_by = ANY(@ClaimList)
  AND claim_until >= clock_timestamp();

-- name: claimed-recipients
-- The ids as a bigint array (@IdList) instead of JSON.
SELECT l.id AS ledger_id, l.attempts, s.id AS subscriber_id, s.uuid, s.email, s.name, s.language, s.attributes,
       o.name AS organisation_name, o.country,
       (s.status = 'active' AND s.erased_at IS NULL
        AND (m.list_id IS NULL OR EXISTS (SELECT 1 FROM subscriptions x
             WHERE x.list_id = m.list_id AND x.subscriber_id = s.id AND x.status = 'confirmed'))) AS mailable
FROM ledger l
JOIN mailings m ON m.id = l.mailing_id
JOIN subscribers s ON s.id = l.subscriber_id
LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE l.id = ANY(@IdList)
ORDER BY l.id;

-- name: release
-- GREATEST for two-argument max.
UPDATE ledger SET status = 'pending', attempts = GREATEST(attempts - 1, 0), claim_until = NULL, updated_at = @Now
WHERE id = @Id AND claimed_by = @Claim AND status = 'sending';
