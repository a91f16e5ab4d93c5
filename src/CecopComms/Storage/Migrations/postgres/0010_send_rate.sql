-- Sending limits shared by every sender node of one PostgreSQL database: one token bucket per scope ('second:*',
-- 'hour:*', 'day:*' for the global limits, 'domain:example.org' for a recipient domain), with the capacity and rate it
-- was last taken with. A node takes its permits with one statement that refills each bucket by the time elapsed on the
-- database's clock and takes a token; a negative balance is how long the taker waits before sending. SQLite (one
-- machine) keeps its buckets in the process and has no such table.
CREATE TABLE send_rate (
    scope        text             PRIMARY KEY,
    tokens       double precision NOT NULL,
    capacity     double precision NOT NULL,
    per_second   double precision NOT NULL,
    refreshed_at timestamptz      NOT NULL
);
