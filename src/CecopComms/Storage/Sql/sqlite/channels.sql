-- Channel figures: numbers from outside the engine (social networks, website analytics), one row per entry.
-- The current figure of a channel, metric and year is its latest entry (highest id); older entries stay as history.
-- Each figure is read with its channel's name and report position (table channels).

-- name: insert-figure
INSERT INTO channel_figures (channel, metric, year, value, source, entered_at, entered_by)
VALUES (@Channel, @Metric, @Year, @Value, @Source, @EnteredAt, @EnteredBy)
RETURNING id;

-- name: current-figures
-- The latest entry of each channel, metric and year; all years, or only @Year.
SELECT f.*, c.name AS channel_name, c.position AS channel_position FROM channel_figures f
JOIN channels c ON c.key = f.channel
WHERE f.id = (SELECT max(g.id) FROM channel_figures g
              WHERE g.channel = f.channel AND g.metric = f.metric AND g.year = f.year)
  AND (@Year IS NULL OR f.year = @Year)
ORDER BY c.position, f.metric, f.year;

-- name: figure-history
-- Every entry, newest first within each channel, metric and year; optionally one channel.
SELECT f.*, c.name AS channel_name, c.position AS channel_position FROM channel_figures f
JOIN channels c ON c.key = f.channel
WHERE @Channel IS NULL OR f.channel = @Channel
ORDER BY c.position, f.metric, f.year, f.id DESC;

-- name: channels
SELECT key, name, position FROM channels ORDER BY position, key;

-- name: add-channel
INSERT INTO channels (key, name, position, changed_at, changed_by)
VALUES (@Key, @Name, (SELECT coalesce(max(position), 0) + 1 FROM channels), @At, @By);

-- name: rename-channel
UPDATE channels SET name = @Name, changed_at = @At, changed_by = @By WHERE key = @Key;
