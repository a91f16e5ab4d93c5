-- The year report counts confirmations and unsubscriptions per list and hour (reach.sql, subscription-changes). Over
-- 1,000,000 subscriptions that GROUP BY sorted every row: 2.0 s of a 2.3 s report on the reach benchmark. In the
-- order of these two expression indexes it is a single pass, 0.14 s. The cost is one more index entry per confirmed
-- subscription written (the unsubscribed one only changes when someone leaves).
CREATE INDEX subscriptions_confirmed_hour ON subscriptions(list_id, substr(confirmed_at, 1, 13))
WHERE confirmed_at IS NOT NULL;
CREATE INDEX subscriptions_unsubscribed_hour ON subscriptions(list_id, substr(unsubscribed_at, 1, 13))
WHERE confirmed_at IS NOT NULL AND unsubscribed_at IS NOT NULL;
