-- Finding subscribers: the queries whose PostgreSQL text differs from sqlite/subscriber-search.sql (strpos instead of
-- instr; @Text is already lower-cased, as on SQLite; a @Limit of -1, every row, is
-- LIMIT NULL here).

-- name: find-subscribers
SELECT s.email, s.name, s.language, o.name AS organisation, o.country, s.status,
       (SELECT x.status FROM subscriptions x JOIN lists l ON l.id = x.list_id WHERE x.subscriber_id = s.id AND l.slug = @List) AS subscription_status,
       s.attributes, s.created_at
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL
  AND (@Text IS NULL OR strpos(s.email_key, @Text) > 0 OR strpos(lower(s.name), @Text) > 0)
  AND (@List IS NULL OR EXISTS (SELECT 1 FROM subscriptions x JOIN lists l ON l.id = x.list_id WHERE x.subscriber_id = s.id AND l.slug = @List))
  /*filter*/
ORDER BY s.email_key
LIMIT CASE WHEN @Limit < 0 THEN NULL ELSE @Limit END OFFSET @Offset;

-- name: count-subscribers-found
SELECT count(*)
FROM subscribers s LEFT JOIN organisations o ON o.id = s.organisation_id
WHERE s.erased_at IS NULL
  AND (@Text IS NULL OR strpos(s.email_key, @Text) > 0 OR strpos(lower(s.name), @Text) > 0)
  AND (@List IS NULL OR EXISTS (SELECT 1 FROM subscriptions x JOIN lists l ON l.id = x.list_id WHERE x.subscriber_id = s.id AND l.slug = @List))
  /*filter*/;
