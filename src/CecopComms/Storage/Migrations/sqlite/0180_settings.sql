-- Settings kept in the database and changed on the admin settings page: one row per section (smtp, rates, dkim,
-- bounces, tracking), its values as JSON. A section saved here wins over appsettings.json and the environment, which
-- give the defaults (and the database itself). Secrets (passwords, the DKIM key) are stored as given; the page never
-- shows them.
CREATE TABLE settings (
    section    TEXT PRIMARY KEY,
    value      TEXT NOT NULL,   -- the section's values as JSON
    updated_at TEXT NOT NULL,   -- UTC, as DbTime writes it
    updated_by TEXT NOT NULL    -- the staff member's e-mail address
);
