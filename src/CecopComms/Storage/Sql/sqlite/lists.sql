-- Lists and their counts per subscription status.

-- name: insert-list
INSERT INTO lists (slug, name, description, visibility, double_opt_in, members_only, created_at, updated_at)
VALUES (@Slug, @Name, @Description, @Visibility, @DoubleOptIn, @MembersOnly, @Now, @Now)
RETURNING id;

-- name: list-lists
-- Every list (or the one with @Slug) with how many subscriptions it has in each status.
SELECT l.*,
       (SELECT count(*) FROM subscriptions x WHERE x.list_id = l.id AND x.status = 'unconfirmed') AS unconfirmed,
       (SELECT count(*) FROM subscriptions x WHERE x.list_id = l.id AND x.status = 'confirmed') AS confirmed,
       (SELECT count(*) FROM subscriptions x WHERE x.list_id = l.id AND x.status = 'unsubscribed') AS unsubscribed
FROM lists l
WHERE @Slug IS NULL OR l.slug = @Slug
ORDER BY l.slug;

-- name: list-recipients
-- Who a mailing to the list reaches: confirmed, active, not erased; on a members-only list only contacts of an organisation.
SELECT s.id, s.uuid, s.email, s.name, s.language, s.organisation_id
FROM subscriptions x
JOIN subscribers s ON s.id = x.subscriber_id
JOIN lists l ON l.id = x.list_id
WHERE x.list_id = @ListId AND x.status = 'confirmed' AND s.status = 'active' AND s.erased_at IS NULL
  AND (l.members_only = 0 OR s.organisation_id IS NOT NULL)
ORDER BY s.id;

-- name: list-export-rows
SELECT s.email, s.name, s.language, o.name AS organisation, o.country, s.status,
       x.status AS subscription_status, s.attributes, s.created_at
FROM subscriptions x
JOIN subscribers s ON s.id = x.subscriber_id
LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE x.list_id = @ListId AND s.erased_at IS NULL
ORDER BY s.id;

-- name: update-list
-- The slug and the members-only rule stay as the list was created.
UPDATE lists SET name = @Name, description = @Description, descriptions = coalesce(@Descriptions, descriptions),
                 visibility = @Visibility, double_opt_in = @DoubleOptIn, updated_at = @Now
WHERE id = @Id;

-- name: list-uses
-- What sends to the list or names it: publications and campaigns whose audience it is (written list:SLUG or a bare
-- slug), segments whose filter names it, active schedules of those publications and campaigns, and mailings not yet
-- finished or cancelled that go to it.
WITH publication_uses AS (
    SELECT id, slug, name FROM publications WHERE lower(replace(audience, ' ', '')) IN ('list:' || @Slug, @Slug)
), campaign_uses AS (
    SELECT id, slug, name FROM campaigns WHERE lower(replace(audience, ' ', '')) IN ('list:' || @Slug, @Slug)
)
SELECT 'publication' AS kind, id, name FROM publication_uses
UNION ALL
SELECT 'campaign', id, name FROM campaign_uses
UNION ALL
SELECT 'segment', s.id, s.name FROM segments s
WHERE EXISTS (SELECT 1 FROM json_each(s.filter, '$.all') c, json_each(c.value, '$.values') v
              WHERE json_extract(c.value, '$.field') = 'list' AND v.value = @Slug)
UNION ALL
SELECT 'schedule', sc.id, '' FROM schedules sc
WHERE sc.status = 'active'
  AND (sc.publication IN (SELECT slug FROM publication_uses)
       OR sc.campaign IN (SELECT slug FROM campaign_uses)
       OR sc.source IN (SELECT 'edition:' || e.id FROM editions e WHERE e.publication_id IN (SELECT id FROM publication_uses))
       OR sc.source IN (SELECT 'campaign-mailing:' || m.id FROM campaign_mailings m WHERE m.campaign_id IN (SELECT id FROM campaign_uses)))
UNION ALL
SELECT 'mailing', m.id, m.title FROM mailings m
WHERE m.status IN ('scheduled', 'running', 'paused')
  AND (m.list_id = @Id OR lower(replace(m.audience, ' ', '')) IN ('list:' || @Slug, @Slug));

-- name: delete-list
-- Its subscriptions go with it (ON DELETE CASCADE); consents and finished mailings keep their rows without the list.
DELETE FROM lists WHERE id = @Id;
