-- ASP.NET Core's data-protection keys (which protect the antiforgery and sign-in cookies), kept in the database
-- instead of the web-keys folder beside it, so every node of one database accepts the cookies the others made. The
-- folder's keys are copied in on first use (Web/DatabaseKeyRepository.cs), so cookies made before stay valid.
CREATE TABLE data_protection_keys (
    name       TEXT PRIMARY KEY,   -- the key's friendly name, "key-{id}"
    xml        TEXT NOT NULL,      -- the key's XML element, as the data-protection system wrote it
    created_at TEXT NOT NULL       -- UTC, as DbTime writes it
);
