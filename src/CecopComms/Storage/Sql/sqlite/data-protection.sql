-- ASP.NET Core's data-protection keys (Web/DatabaseKeyRepository.cs). Keys are added, never changed: the
-- data-protection system marks a key revoked by adding a revocation element of its own.

-- name: list-keys
SELECT xml FROM data_protection_keys ORDER BY created_at, name;

-- name: insert-key
-- A name already kept (a key copied from the old folder twice) is left as it is.
INSERT INTO data_protection_keys (name, xml, created_at) VALUES (@Name, @Xml, @Now)
ON CONFLICT (name) DO NOTHING;
