-- Campaigns on PostgreSQL: only the queries whose text differs from Storage/Sql/sqlite/campaigns.sql.

-- name: upsert-campaign-mailing
-- files is jsonb: the JSON text is cast. A mailing already past draft keeps what it was scheduled or sent with.
INSERT INTO campaign_mailings (campaign_id, slug, title, planned_at, files, state, created_at, updated_at)
VALUES (@CampaignId, @Slug, @Title, @PlannedAt, CAST(@Files AS jsonb), 'draft', @Now, @Now)
ON CONFLICT (campaign_id, slug) DO UPDATE SET title = excluded.title, planned_at = excluded.planned_at,
    files = excluded.files, updated_at = excluded.updated_at
WHERE campaign_mailings.state = 'draft';

-- name: delete-unplanned-drafts
-- Dapper passes @Slugs to Npgsql as one array, not an expanded list: compared with <> ALL.
DELETE FROM campaign_mailings WHERE campaign_id = @CampaignId AND state = 'draft' AND slug <> ALL(@Slugs);
