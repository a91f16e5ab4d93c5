-- Campaigns (a series around a hashtag) and their planned mailings.

-- name: upsert-campaign
INSERT INTO campaigns (slug, hashtag, name, starts_on, ends_on, audience, source, created_at, updated_at)
VALUES (@Slug, @Hashtag, @Name, @StartsOn, @EndsOn, @Audience, @Source, @Now, @Now)
ON CONFLICT (slug) DO UPDATE SET hashtag = excluded.hashtag, name = excluded.name, starts_on = excluded.starts_on,
    ends_on = excluded.ends_on, audience = excluded.audience, source = excluded.source, updated_at = excluded.updated_at
RETURNING id;

-- name: upsert-campaign-mailing
-- A mailing already past draft keeps what it was scheduled or sent with.
INSERT INTO campaign_mailings (campaign_id, slug, title, planned_at, files, state, created_at, updated_at)
VALUES (@CampaignId, @Slug, @Title, @PlannedAt, @Files, 'draft', @Now, @Now)
ON CONFLICT (campaign_id, slug) DO UPDATE SET title = excluded.title, planned_at = excluded.planned_at,
    files = excluded.files, updated_at = excluded.updated_at
WHERE campaign_mailings.state = 'draft';

-- name: get-campaign
SELECT c.*, (SELECT count(*) FROM campaign_mailings m WHERE m.campaign_id = c.id) AS mailings
FROM campaigns c WHERE c.slug = @Slug;

-- name: list-campaigns
SELECT c.*, (SELECT count(*) FROM campaign_mailings m WHERE m.campaign_id = c.id) AS mailings
FROM campaigns c ORDER BY c.starts_on, c.slug;

-- name: list-campaign-mailings
SELECT m.*, c.slug AS campaign_slug FROM campaign_mailings m JOIN campaigns c ON c.id = m.campaign_id
WHERE m.campaign_id = @CampaignId ORDER BY m.planned_at, m.slug;

-- name: get-campaign-mailing
SELECT m.*, c.slug AS campaign_slug FROM campaign_mailings m JOIN campaigns c ON c.id = m.campaign_id
WHERE m.id = @Id;

-- name: set-campaign-mailing-state
UPDATE campaign_mailings SET state = @State, updated_at = @Now WHERE id = @Id;

-- name: delete-unplanned-drafts
-- A draft the campaign no longer plans goes; one past draft stays with what it was scheduled or sent with.
DELETE FROM campaign_mailings WHERE campaign_id = @CampaignId AND state = 'draft' AND slug NOT IN @Slugs;
