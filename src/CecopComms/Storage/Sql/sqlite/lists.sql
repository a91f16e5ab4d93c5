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
