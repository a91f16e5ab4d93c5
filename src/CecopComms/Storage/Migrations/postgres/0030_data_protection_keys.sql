-- ASP.NET Core's data-protection keys (which protect the antiforgery and sign-in cookies), kept in the database so
-- every node accepts the cookies the others made (as SQLite migration 0210).
CREATE TABLE data_protection_keys (
    name       text PRIMARY KEY,   -- the key's friendly name, "key-{id}"
    xml        text NOT NULL,      -- the key's XML element, as the data-protection system wrote it
    created_at timestamptz NOT NULL
);
