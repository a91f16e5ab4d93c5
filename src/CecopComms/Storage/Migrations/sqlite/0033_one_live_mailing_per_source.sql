-- An edition or campaign mailing is sent once: at most one mailing per source that is not cancelled.
-- The starter refuses a second one with a sentence; this index makes the rule hold even when the scheduler and
-- a person at the CLI start the same edition at the same moment. A cancelled mailing may be started afresh.
CREATE UNIQUE INDEX mailings_one_live_per_source ON mailings(source_kind, source_id) WHERE status <> 'cancelled';
