-- The activity log: the queries whose PostgreSQL text differs from sqlite/activity.sql.

-- name: list-activity
-- A null time carries no type: PostgreSQL needs @From and @Until cast to know them.
SELECT id, at, actor, action, subject, detail FROM activity
WHERE (@Action IS NULL OR action = @Action)
  AND (@Actor IS NULL OR actor = @Actor)
  AND (CAST(@From AS timestamptz) IS NULL OR at >= CAST(@From AS timestamptz))
  AND (CAST(@Until AS timestamptz) IS NULL OR at < CAST(@Until AS timestamptz))
  AND (@Before IS NULL OR id < @Before)
ORDER BY id DESC
LIMIT @Limit;
