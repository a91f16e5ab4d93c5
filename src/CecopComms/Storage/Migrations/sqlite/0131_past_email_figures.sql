-- E-mail figures of the years before CecopComms kept its own records (subscribers at year end, editions sent,
-- people reached), entered or imported by staff from CECOP's records, each with its source. The year report uses one
-- only where the engine's own database has no figure of its own; it never replaces a computed one.
-- One row per entry, as channel_figures: a new entry for the same year, publication and figure supersedes the older
-- one for reading (the highest id wins) and the older one stays as history.
CREATE TABLE past_email_figures (
    id           INTEGER PRIMARY KEY,
    year         INTEGER NOT NULL,
    publication  TEXT    NOT NULL,                -- a publication's slug, or '' for the mailing list as a whole
    figure       TEXT    NOT NULL CHECK (figure IN ('subscribers', 'editions', 'reach')),
    value        INTEGER NOT NULL CHECK (value >= 0),
    source       TEXT    NOT NULL,                -- "CECOP activity report 2023, p. 12"
    entered_at   TEXT    NOT NULL,
    entered_by   TEXT    NOT NULL                 -- the staff member or operating-system user, and the file of an import
);
CREATE INDEX past_email_figures_key ON past_email_figures(year, publication, figure, id);
