-- Channel figures: numbers from outside the engine (social networks, website analytics), one row per entry.
-- The current figure of a channel, metric and year is its latest entry (highest id); older entries stay as history.

-- name: insert-figure
INSERT INTO channel_figures (channel, metric, year, value, source, entered_at, entered_by)
VALUES (@Channel, @Metric, @Year, @Value, @Source, @EnteredAt, @EnteredBy)
RETURNING id;

-- name: current-figures
-- The latest entry of each channel, metric and year; all years, or only @Year.
SELECT f.* FROM channel_figures f
WHERE f.id = (SELECT max(g.id) FROM channel_figures g
              WHERE g.channel = f.channel AND g.metric = f.metric AND g.year = f.year)
  AND (@Year IS NULL OR f.year = @Year)
ORDER BY f.channel, f.metric, f.year;

-- name: figure-history
-- Every entry, newest first within each channel, metric and year; optionally one channel.
SELECT * FROM channel_figures
WHERE @Channel IS NULL OR channel = @Channel
ORDER BY channel, metric, year, id DESC;
