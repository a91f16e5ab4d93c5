-- A mailing with its ledger counted by state: what `mailings show` and `mailings list` print, defined once.
-- A plain view (no aggregate), so SQLite folds it into the query that reads it: the WHERE and LIMIT of that query
-- apply first, and the counts run only for the mailings returned, each through the ledger_work index.
-- It names the mailings columns at creation: a migration that adds a column to mailings recreates this view.
CREATE VIEW mailing_progress AS
SELECT m.*,
       (SELECT count(*) FROM ledger l WHERE l.mailing_id = m.id AND l.status = 'sent') AS sent,
       (SELECT count(*) FROM ledger l WHERE l.mailing_id = m.id AND l.status = 'failed') AS failed,
       (SELECT count(*) FROM ledger l WHERE l.mailing_id = m.id AND l.status = 'skipped') AS skipped,
       (SELECT count(*) FROM ledger l WHERE l.mailing_id = m.id AND l.status = 'retry') AS retrying,
       (SELECT count(*) FROM ledger l WHERE l.mailing_id = m.id AND l.status IN ('pending', 'sending')) AS waiting
FROM mailings m;
