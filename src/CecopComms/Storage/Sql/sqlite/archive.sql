-- The web archive: editions that were sent, of publications whose audience is a public list (the public archive) or
-- a members-only list (the members' archive). A publication addressed to a segment or another private list is in
-- neither, so nothing members-only can reach the public archive by a setting.

-- name: archived-editions
-- Newest first; with @Publication, @Year and @Number, the one edition they name (still only if it is in this archive).
SELECT e.id, p.slug AS publication_slug, p.name AS publication_name, e.year, e.number, e.issue_date, e.subject,
       coalesce((SELECT max(m.finished_at) FROM mailings m
                 WHERE m.source_kind = 'edition' AND m.source_id = e.id AND m.status = 'finished'), e.updated_at) AS sent_at
FROM editions e
JOIN publications p ON p.id = e.publication_id
JOIN lists l ON p.audience = 'list:' || l.slug
WHERE l.members_only = @MembersOnly AND (@MembersOnly = 1 OR l.visibility = 'public')
  AND (@Publication IS NULL OR (p.slug = @Publication AND e.year = @Year AND e.number = @Number))
  AND (e.state = 'sent' OR EXISTS (SELECT 1 FROM mailings m WHERE m.source_kind = 'edition' AND m.source_id = e.id AND m.status = 'finished'))
ORDER BY e.issue_date DESC, e.year DESC, e.number DESC
LIMIT @Limit;

