-- Reach: the email figures of the year and campaign reports, computed from the engine's own tables.
-- A mailing belongs to the period its sending started in (mailings.started_at); its messages count there.

-- name: started-mailings
-- Mailings that started sending in [@From, @To) — or the one mailing @Id when it is given — with the publication or campaign they belong to and the stamp their
-- stored figures must match: status, finished_at, the bounce count and high-water mark, the event high-water marks.
-- Each subquery reads one index range (bounces_mailing, events_mailing), so this stays a few rows per mailing.
SELECT m.id, m.source_kind, m.source_id, m.title, m.status, m.total, m.started_at, m.finished_at,
       CASE WHEN m.source_kind = 'edition' THEN p.slug ELSE c.slug END AS stream_slug,
       CASE WHEN m.source_kind = 'edition' THEN p.name ELSE c.hashtag END AS stream_name,
       CASE WHEN m.source_kind = 'edition' THEN 'publication' ELSE 'campaign' END AS stream_kind,
       m.status || '|' || coalesce(m.finished_at, '')
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
SELECT * FROM mailing_figures WHERE mailing_id IN (SELECT value FROM json_each(@Ids));

-- name: save-figures
INSERT OR REPLACE INTO mailing_figures (mailing_id, stamp, sent, bounced, delivered, opened, clicked, unsubscribed, people_first, people, computed_at)
VALUES (@MailingId, @Stamp, @Sent, @Bounced, @Delivered, @Opened, @Clicked, @Unsubscribed, @PeopleFirst, @People, @Now);

-- name: sent-people
-- The recipients a mailing handed to the server, in subscriber order (the ledger's unique (mailing_id, subscriber_id) index).
SELECT subscriber_id FROM ledger WHERE mailing_id = @MailingId AND status = 'sent' ORDER BY subscriber_id;

-- name: bounced-people
SELECT DISTINCT subscriber_id FROM bounces WHERE mailing_id = @MailingId ORDER BY subscriber_id;

-- name: mailing-events
-- Distinct people per kind of event: a person who opens a mailing forty times opened it once. An erased person keeps
-- their row (and so their id here), so what they did before erasure still counts, once. An event with no person
-- (written before tokens of unknown uuids were refused) cannot be told apart from a replay and counts no one.
SELECT kind, count(DISTINCT subscriber_id) AS people
FROM events WHERE mailing_id = @MailingId AND subscriber_id IS NOT NULL GROUP BY kind;

-- name: lists
SELECT id, slug, name FROM lists ORDER BY id;

-- name: publications
SELECT slug, name FROM publications ORDER BY id;

-- name: first-record
-- The earliest instant the database knows anything the email figures count: a confirmed subscription or a mailing that
-- started (no row: nothing yet). Periods that end before it show "no data", not zeros the engine never measured.
SELECT t FROM (
  SELECT min(confirmed_at) AS t FROM subscriptions WHERE confirmed_at IS NOT NULL
  UNION ALL
  SELECT min(started_at) FROM mailings WHERE started_at IS NOT NULL
) AS firsts
WHERE t IS NOT NULL
ORDER BY t
LIMIT 1;

-- name: subscription-changes
-- Confirmations and unsubscriptions per list and hour (the first 13 characters of the UTC time). Report periods in
-- Europe/Brussels start on whole UTC hours, so summing hours gives exact counts for any of them. Each half reads one
-- of the expression indexes of migration 0071 in order, so the grouping needs no sort.
-- Only confirmed subscriptions count: someone who never confirmed was never a subscriber.
SELECT list_id, substr(confirmed_at, 1, 13) AS bucket, count(*) AS confirmed, 0 AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL
GROUP BY list_id, substr(confirmed_at, 1, 13)
UNION ALL
SELECT list_id, substr(unsubscribed_at, 1, 13) AS bucket, 0 AS confirmed, count(*) AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL
GROUP BY list_id, substr(unsubscribed_at, 1, 13);

-- name: subscription-changes-by-minute
-- The same per minute, for a time zone whose periods do not start on whole UTC hours (a sort of every row: slower).
SELECT list_id, substr(confirmed_at, 1, 16) AS bucket, count(*) AS confirmed, 0 AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL
GROUP BY list_id, bucket
UNION ALL
SELECT list_id, substr(unsubscribed_at, 1, 16) AS bucket, 0 AS confirmed, count(*) AS unsubscribed
FROM subscriptions WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL
GROUP BY list_id, bucket;

-- name: bounces-in-period
SELECT kind, count(*) AS count FROM bounces WHERE bounced_at >= @From AND bounced_at < @To GROUP BY kind;

-- name: campaign-mailings
-- A campaign's planned mailings, each with its latest mailing that started sending (none: not sent yet).
SELECT cm.id AS campaign_mailing_id, cm.slug, cm.title, cm.planned_at, cm.state,
       m.id AS mailing_id, m.status, m.total, m.started_at, m.finished_at
FROM campaign_mailings cm
LEFT JOIN mailings m ON m.id = (SELECT max(x.id) FROM mailings x
                                WHERE x.source_kind = 'campaign-mailing' AND x.source_id = cm.id AND x.started_at IS NOT NULL)
WHERE cm.campaign_id = @CampaignId
ORDER BY cm.planned_at, cm.slug;
