-- Lists: the queries whose PostgreSQL text differs from sqlite/lists.sql.

-- name: list-recipients
-- members_only is a boolean.
SELECT s.id, s.uuid, s.email, s.name, s.language, s.organisation_id
FROM subscriptions x
JOIN subscribers s ON s.id = x.subscriber_id
JOIN lists l ON l.id = x.list_id
WHERE x.list_id = @ListId AND x.status = 'confirmed' AND s.status = 'active' AND s.erased_at IS NULL
  AND (NOT l.members_only OR s.organisation_id IS NOT NULL)
ORDER BY s.id;

-- name: update-list
-- descriptions is jsonb: the JSON text is cast.
UPDATE lists SET name = @Name, description = @Description, descriptions = coalesce(CAST(@Descriptions AS jsonb), descriptions),
                 visibility = @Visibility, double_opt_in = @DoubleOptIn, updated_at = @Now
WHERE id = @Id;

-- name: list-uses
-- A segment's filter is jsonb: its conditions are read with jsonb_array_elements instead of json_each.
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
WHERE EXISTS (SELECT 1 FROM jsonb_array_elements(CASE WHEN jsonb_typeof(s.filter -> 'all') = 'array' THEN s.filter -> 'all' ELSE '[]' END) c,
                            jsonb_array_elements_text(CASE WHEN jsonb_typeof(c.value -> 'values') = 'array' THEN c.value -> 'values' ELSE '[]' END) v
              WHERE c.value ->> 'field' = 'list' AND v.value = @Slug)
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
