-- An edition or campaign mailing is sent once. The starter refuses a new mailing for a source that already has one
-- that was not cancelled (MailingStore.CreateAsync); this index holds the rule where a race could break it: two starts
-- at the same moment (the scheduler and a person at the CLI) both create an in-flight mailing.
-- Databases from before the rule may hold a second in-flight mailing of the same source: it is cancelled here, with
-- the reason, so the index can be built and that second send stops. Finished mailings are history and stay as they are.
UPDATE mailings
SET status = 'cancelled',
    status_reason = 'Cancelled by the upgrade: an earlier mailing of the same edition or campaign mailing exists, and each is sent once.',
    updated_at = strftime('%Y-%m-%dT%H:%M:%fZ', 'now')
WHERE status IN ('scheduled', 'running', 'paused')
  AND EXISTS (SELECT 1 FROM mailings earlier
              WHERE earlier.source_kind = mailings.source_kind AND earlier.source_id = mailings.source_id
                AND earlier.status <> 'cancelled' AND earlier.id < mailings.id);

CREATE UNIQUE INDEX mailings_one_live_per_source ON mailings(source_kind, source_id)
WHERE status IN ('scheduled', 'running', 'paused');
