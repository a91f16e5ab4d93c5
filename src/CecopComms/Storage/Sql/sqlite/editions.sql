-- Editions of a publication, numbered per year.

-- name: insert-edition
INSERT INTO editions (publication_id, year, number, issue_date, subject, source_name, source, state, created_at, updated_at)
VALUES (@PublicationId, @Year,
        COALESCE(@Number, (SELECT COALESCE(max(number), 0) + 1 FROM editions WHERE publication_id = @PublicationId AND year = @Year)),
        @IssueDate, @Subject, @SourceName, @Source, 'draft', @Now, @Now)
RETURNING id;

-- name: update-edition-source
UPDATE editions SET issue_date = @IssueDate, subject = @Subject, source_name = @SourceName, source = @Source, updated_at = @Now
WHERE id = @Id;

-- name: get-edition
SELECT e.*, p.slug AS publication_slug, p.name AS publication_name
FROM editions e JOIN publications p ON p.id = e.publication_id
WHERE e.id = @Id;

-- name: find-edition-by-number
SELECT e.*, p.slug AS publication_slug, p.name AS publication_name
FROM editions e JOIN publications p ON p.id = e.publication_id
WHERE e.publication_id = @PublicationId AND e.year = @Year AND e.number = @Number;

-- name: list-editions
SELECT e.*, p.slug AS publication_slug, p.name AS publication_name
FROM editions e JOIN publications p ON p.id = e.publication_id
WHERE @Publication IS NULL OR p.slug = @Publication
ORDER BY e.year, p.slug, e.number;

-- name: set-edition-state
UPDATE editions SET state = @State, updated_at = @Now WHERE id = @Id;
