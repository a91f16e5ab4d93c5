-- subscribers(status) has four values and nearly every row is 'active', so the index cost every subscriber insert
-- (200,000 inserts with Python's executemany: 2.27-2.39 s of CPU without it, 2.50-2.65 s with, Python included)
-- and helped no query: EXPLAIN QUERY PLAN on 1M
-- subscribers showed SQLite choosing it for status = 'active' (segment recipients, list recipients) and then reading
-- almost every row through it, 2-4 times slower than a plain scan of the table (0.60 s → 0.15 s; 1.56 s → 0.77 s).
-- Only a filter on a rare status (a "bounced" segment) loses: a scan of 1M rows, 0.04 s → 0.2 s.
DROP INDEX IF EXISTS subscribers_status;
