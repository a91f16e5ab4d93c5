-- Past e-mail figures: what staff entered for the years before the engine's own records (migration 0131).

-- name: insert-figure
INSERT INTO past_email_figures (year, publication, figure, value, source, entered_at, entered_by)
VALUES (@Year, @Publication, @Figure, @Value, @Source, @EnteredAt, @EnteredBy)
RETURNING id;

-- name: current-figures
-- The latest entry of each year, publication and figure; all years, or only @Year.
SELECT f.* FROM past_email_figures f
WHERE f.id = (SELECT max(g.id) FROM past_email_figures g
              WHERE g.year = f.year AND g.publication = f.publication AND g.figure = f.figure)
  AND (@Year IS NULL OR f.year = @Year)
ORDER BY f.year, f.publication, f.figure;

-- name: publications
SELECT slug, name, audience FROM publications ORDER BY id;
