-- The web archive on PostgreSQL: only the queries whose text differs from Storage/Sql/sqlite/archive.sql.

-- name: archived-editions
-- lists.members_only is a boolean: @MembersOnly is tested as one, not compared with 1.
SELECT e.id, p.slug AS publication_slug, p.name AS publication_name, e.year, e.number, e.issue_date, e.subject,
       coalesce((SELECT max(m.finished_at) FROM mailings m
                 WHERE m.source_kind = 'edition' AND m.source_id = e.id AND m.status = 'finished'), e.updated_at) AS sent_at
FROM editions e
JOIN publications p ON p.id = e.publication_id
JOIN lists l ON p.audience = 'list:' || l.slug
WHERE l.members_only = @MembersOnly AND (@MembersOnly OR l.visibility = 'public')
  AND (@Publication IS NULL OR (p.slug = @Publication AND e.year = @Year AND e.number = @Number))
  AND (e.state = 'sent' OR EXISTS (SELECT 1 FROM mailings m WHERE m.source_kind = 'edition' AND m.source_id = e.id AND m.status = 'finished'))
ORDER BY e.issue_date DESC, e.year DESC, e.number DESC
LIMIT @Limit;
