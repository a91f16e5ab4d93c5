-- Fenced row claims: each ledger row in 'sending' says which claim holds it and until when, by the database's clock.
-- A claim is a sender run's batch ("owner/run/batch"); every mark is applied only while the row is still that claim's,
-- and another sender takes a 'sending' row only once its claim_until has passed. Rows left 'sending' by an older
-- version have no claim_until and count as expired.
ALTER TABLE ledger ADD COLUMN claimed_by TEXT;
ALTER TABLE ledger ADD COLUMN claim_until TEXT;
