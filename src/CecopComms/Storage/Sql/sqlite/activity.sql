-- The activity log of the admin area. Rows are added, never changed or deleted.

-- name: insert-activity
INSERT INTO activity (at, actor, action, subject, detail) VALUES (@At, @Actor, @Action, @Subject, @Detail);

-- name: list-activity
-- Newest first; each filter is left out when its value is null. @Before is the id the previous page ended at (paging
-- by id keeps a page steady while new rows arrive). @From and @Until are UTC times, @Until excluded.
SELECT id, at, actor, action, subject, detail FROM activity
WHERE (@Action IS NULL OR action = @Action)
  AND (@Actor IS NULL OR actor = @Actor)
  AND (@From IS NULL OR at >= @From)
  AND (@Until IS NULL OR at < @Until)
  AND (@Before IS NULL OR id < @Before)
ORDER BY id DESC
LIMIT @Limit;

-- name: activity-actors
SELECT DISTINCT actor FROM activity ORDER BY actor;
