-- Reach on PostgreSQL: only the queries whose text differs from Storage/Sql/sqlite/reach.sql.

-- name: started-mailings
-- finished_at is a timestamptz: written into the stamp as fixed UTC text (coalesce with '' would not type-check).
SELECT m.id, m.source_kind, m.source_id, m.title, m.status, m.total, m.started_at, m.finished_at,
       CASE WHEN m.source_kind = 'edition' THEN p.slug ELSE c.slug END AS stream_slug,
       CASE WHEN m.source_kind = 'edition' THEN p.name ELSE c.hashtag END AS stream_name,
       CASE WHEN m.source_kind = 'edition' THEN 'publication' ELSE 'campaign' END AS stream_kind,
       m.status || '|' || coalesce(to_char(m.finished_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'), '')
         || '|' || (SELECT count(*) || ':' || coalesce(max(b.id), 0) FROM bounces b WHERE b.mailing_id = m.id)
         || '|' || coalesce((SELECT max(v.id) FROM events v WHERE v.mailing_id = m.id AND v.kind = 'open'), 0)
         || '|' || coalesce((SELECT max(v.id) FROM events v WHERE v.mailing_id = m.id AND v.kind = 'click'), 0)
         || '|' || coalesce((SELECT max(v.id) FROM events v WHERE v.mailing_id = m.id AND v.kind = 'unsubscribe'), 0) AS stamp
FROM mailings m
LEFT JOIN editions e ON m.source_kind = 'edition' AND e.id = m.source_id
LEFT JOIN publications p ON p.id = e.publication_id
LEFT JOIN campaign_mailings cm ON m.source_kind = 'campaign-mailing' AND cm.id = m.source_id
LEFT JOIN campaigns c ON c.id = cm.campaign_id
WHERE m.started_at IS NOT NULL AND (m.id = @Id OR (@Id IS NULL AND m.started_at >= @From AND m.started_at < @To))
ORDER BY m.started_at, m.id;

-- name: stored-figures
-- An array parameter instead of SQLite's JSON batch.
SELECT * FROM mailing_figures WHERE mailing_id = ANY(@IdArray);

-- name: save-figures
-- No INSERT OR REPLACE on PostgreSQL.
INSERT INTO mailing_figures (mailing_id, stamp, sent, bounced, delivered, opened, clicked, unsubscribed, people_first, people, computed_at)
VALUES (@MailingId, @Stamp, @Sent, @Bounced, @Delivered, @Opened, @Clicked, @Unsubscribed, @PeopleFirst, @People, @Now)
ON CONFLICT (mailing_id) DO UPDATE SET stamp = excluded.stamp, sent = excluded.sent, bounced = excluded.bounced,
    delivered = excluded.delivered, opened = excluded.opened, clicked = excluded.clicked, unsubscribed = excluded.unsubscribed,
    people_first = excluded.people_first, people = excluded.people, computed_at = excluded.computed_at;

-- name: subscription-changes
-- Times are timestamptz: grouped by exactly the expressions of the hour indexes (subscriptions_confirmed_hour,
-- subscriptions_unsubscribed_hour), and each bucket written as SQLite's substr(…, 1, 13) text.
SELECT list_id, to_char(date_trunc('hour', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24') AS bucket,
       count(*) AS confirmed, 0::bigint AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL
GROUP BY list_id, date_trunc('hour', confirmed_at AT TIME ZONE 'UTC')
UNION ALL
SELECT list_id, to_char(date_trunc('hour', unsubscribed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24') AS bucket,
       0::bigint AS confirmed, count(*) AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL
GROUP BY list_id, date_trunc('hour', unsubscribed_at AT TIME ZONE 'UTC');

-- name: subscription-changes-by-minute
-- Times are timestamptz: each minute written as SQLite's substr(…, 1, 16) text.
SELECT list_id, to_char(date_trunc('minute', confirmed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI') AS bucket,
       count(*) AS confirmed, 0::bigint AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL
GROUP BY list_id, date_trunc('minute', confirmed_at AT TIME ZONE 'UTC')
UNION ALL
SELECT list_id, to_char(date_trunc('minute', unsubscribed_at AT TIME ZONE 'UTC'), 'YYYY-MM-DD"T"HH24:MI') AS bucket,
       0::bigint AS confirmed, count(*) AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL
GROUP BY list_id, date_trunc('minute', unsubscribed_at AT TIME ZONE 'UTC');
