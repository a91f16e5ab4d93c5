-- Bounces read from the bounce mailbox. report_id names the report a bounce came from (its Message-ID, or a hash of
-- its bytes when it has none): a report recorded but not yet deleted when the process stopped is read again on the
-- next run, and the unique index makes that second reading count nothing.
ALTER TABLE bounces ADD COLUMN report_id TEXT;
CREATE UNIQUE INDEX bounces_report ON bounces(report_id, subscriber_id) WHERE report_id IS NOT NULL;

-- A report without our bounce address (a server that rewrote the envelope) is tied to its recipient through the
-- Message-ID of the original it quotes. Only sent rows carry one.
CREATE INDEX ledger_message_id ON ledger(message_id) WHERE message_id IS NOT NULL;

-- The soft-bounce threshold counts a person's recent soft bounces.
CREATE INDEX bounces_subscriber_kind ON bounces(subscriber_id, kind, bounced_at);
