-- Sending limits shared across sender nodes, used on PostgreSQL only (table send_rate, postgres migration 0010):
-- SQLite runs on one machine and SendThrottle keeps its token buckets in the process there.

-- name: take-permits
-- @Counts permits from each bucket named in @Scopes (sorted, so that takers lock the rows in one order), created full
-- on first use; one row per bucket. Each is refilled by the seconds elapsed on the database's
-- clock at its rate, up to its capacity, and the permits are taken even when there are too few: the balance then goes
-- negative and wait_seconds says how long the taker must wait before they are its own, which queues the takers of all
-- nodes in the order they asked.
-- The statement's own transaction commits without waiting for the disk (synchronous_commit off, set locally by the
-- CTE): it runs once per batch of permits, and a permit lost in a crash only makes the limit a little stricter.
WITH async AS (SELECT set_config('synchronous_commit', 'off', true))
INSERT INTO send_rate AS r (scope, tokens, capacity, per_second, refreshed_at)
SELECT scope, capacity - n, capacity, per_second, clock_timestamp()
FROM unnest(CAST(@Scopes AS text[]), CAST(@Counts AS double precision[]), CAST(@Capacities AS double precision[]), CAST(@Rates AS double precision[]))
     WITH ORDINALITY AS b(scope, n, capacity, per_second, k), async
ORDER BY k
ON CONFLICT (scope) DO UPDATE
SET tokens = LEAST(EXCLUDED.capacity,
                   r.tokens + GREATEST(0, extract(epoch FROM clock_timestamp() - r.refreshed_at)::double precision) * EXCLUDED.per_second) - (EXCLUDED.capacity - EXCLUDED.tokens),
    capacity = EXCLUDED.capacity, per_second = EXCLUDED.per_second, refreshed_at = clock_timestamp()
RETURNING r.scope, GREATEST(0, -r.tokens / r.per_second) AS wait_seconds;
