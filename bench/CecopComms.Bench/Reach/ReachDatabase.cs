using System.Diagnostics;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;

namespace CecopComms.Bench.Reach;

/// <summary>
/// Builds, once, a database of a busy year for the reach benchmark: 1,000,000 subscribers on the external newsletter
/// (30,000 of them unsubscribed during the year), 12 mailings in 2023 (9 CECOP Link editions, 1 newsletter edition,
/// 2 campaign mailings) of about 833,000 recipients each, 10,000,000 ledger rows in all (1 % failed), about 1 % of sent
/// messages bounced, 1.6 million opens and 250,000 clicks. Built with the real migrations and plain SQL, and cached in
/// the temp folder: the first build takes about a minute and 2 GB of disk.
/// </summary>
internal static class ReachDatabase
{
    public const int Subscribers = 1_000_000;
    public const int Mailings = 12;

    /// <summary>The cached database's path, built first if it is not there.</summary>
    public static async Task<string> EnsureAsync(CancellationToken cancellationToken)
    {
        var folder = Path.Combine(Path.GetTempPath(), "cecop-bench-reach");
        var path = Path.Combine(folder, "reach-10m.db");
        if (File.Exists(path + ".done")) return path;
        Directory.CreateDirectory(folder);
        foreach (var stale in Directory.GetFiles(folder)) File.Delete(stale);
        var watch = Stopwatch.StartNew();
        var database = new Database(new StorageOptions { Path = path });
        await new Migrator(database, TimeProvider.System).MigrateAsync(cancellationToken);
        SqliteConnection.ClearAllPools();
        await using (var connection = new SqliteConnection($"Data Source={path}"))
        {
            await connection.OpenAsync(cancellationToken);
            foreach (var step in Steps)
            {
                await using var command = connection.CreateCommand();
                command.CommandText = step;
                command.CommandTimeout = 0;
                await command.ExecuteNonQueryAsync(cancellationToken);
            }
        }
        await File.WriteAllTextAsync(path + ".done", $"built in {watch.Elapsed.TotalSeconds:N0} s\n", cancellationToken);
        Console.WriteLine($"reach: built {path} in {watch.Elapsed.TotalSeconds:N0} s ({new FileInfo(path).Length / 1048576.0:N0} MB)");
        return path;
    }

    private static readonly string[] Steps =
    [
        "PRAGMA synchronous = OFF; PRAGMA cache_size = -400000;",
        $"""
        BEGIN;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Subscribers})
        INSERT INTO subscribers (id, uuid, email, email_key, name, language, status, created_at, updated_at)
        SELECT i, 'bench-' || i, 'reader' || i || '@members' || (i % 50) || '.example', 'reader' || i || '@members' || (i % 50) || '.example',
               'Reader ' || i, 'en', CASE WHEN i % 33 = 0 THEN 'unsubscribed' ELSE 'active' END,
               printf('20%02d-%02d-%02dT%02d:00:00.000Z', 20 + i % 4, 1 + i % 12, 1 + i % 28, i % 24), '2023-01-01T00:00:00.000Z'
        FROM n;
        INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, unsubscribed_at, updated_at)
        SELECT (SELECT id FROM lists WHERE slug = 'external-newsletter'), id, CASE WHEN id % 33 = 0 THEN 'unsubscribed' ELSE 'confirmed' END,
               created_at, created_at, CASE WHEN id % 33 = 0 THEN printf('2023-%02d-15T12:00:00.000Z', 1 + id % 12) END, created_at
        FROM subscribers;
        COMMIT;
        """,
        $"""
        BEGIN;
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Mailings})
        INSERT INTO editions (id, publication_id, year, number, issue_date, subject, source_name, source, state, created_at, updated_at)
        SELECT i, CASE WHEN i = 10 THEN (SELECT id FROM publications WHERE slug = 'cecop-newsletter') ELSE (SELECT id FROM publications WHERE slug = 'cecop-link') END,
               2023, CASE WHEN i = 10 THEN 1 ELSE i END, printf('2023-%02d-05', i), 'Edition ' || i, 'bench.yaml', '', 'sent', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z'
        FROM n WHERE i <= 10;
        INSERT INTO campaigns (id, slug, hashtag, name, starts_on, ends_on, audience, source, created_at, updated_at)
        VALUES (1, 'coopskills2023', '#CoopSkills2023', 'European Year of Skills', '2023-07-01', '2023-12-31', 'list:external-newsletter', '', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z');
        INSERT INTO campaign_mailings (id, campaign_id, slug, title, planned_at, files, state, created_at, updated_at) VALUES
          (1, 1, 'launch', 'Launch', '2023-11-05T08:00:00.000Z', json_object(), 'sent', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z'),
          (2, 1, 'conference', 'Conference', '2023-12-05T08:00:00.000Z', json_object(), 'sent', '2023-01-01T00:00:00.000Z', '2023-01-01T00:00:00.000Z');
        WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < {Mailings})
        INSERT INTO mailings (id, source_kind, source_id, title, audience, list_id, status, total, created_at, started_at, finished_at, updated_at)
        SELECT i, CASE WHEN i <= 10 THEN 'edition' ELSE 'campaign-mailing' END, CASE WHEN i <= 10 THEN i ELSE i - 10 END, 'Mailing ' || i,
               'list:external-newsletter', (SELECT id FROM lists WHERE slug = 'external-newsletter'), 'finished', 0,
               printf('2023-%02d-05T07:00:00.000Z', i), printf('2023-%02d-05T08:00:00.000Z', i), printf('2023-%02d-05T11:00:00.000Z', i), printf('2023-%02d-05T11:00:00.000Z', i)
        FROM n;
        COMMIT;
        """,
        """
        BEGIN;
        INSERT INTO ledger (mailing_id, subscriber_id, status, attempts, reply, message_id, sent_at, updated_at)
        SELECT m.id, s.id, CASE WHEN (s.id * 7 + m.id) % 100 = 0 THEN 'failed' ELSE 'sent' END, 1,
               CASE WHEN (s.id * 7 + m.id) % 100 = 0 THEN '550 5.1.1 <reader@example>: Recipient address rejected' ELSE '250 2.0.0 Ok: queued as 4XyZ12AbCd' END,
               printf('<%d.%d.bench@cecop.coop>', m.id, s.id),
               printf('2023-%02d-05T%02d:%02d:%02d.000Z', m.id, 8 + (s.id / 400000), (s.id / 6000) % 60, (s.id / 100) % 60),
               printf('2023-%02d-05T11:00:00.000Z', m.id)
        FROM mailings m, subscribers s WHERE (s.id + m.id * 13) % 6 <> 0
        ORDER BY m.id, s.id;
        UPDATE mailings SET total = (SELECT count(*) FROM ledger WHERE mailing_id = mailings.id);
        INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at)
        SELECT mailing_id, subscriber_id, CASE WHEN status = 'failed' OR subscriber_id % 3 = 0 THEN 'hard' ELSE 'soft' END, '550 5.1.1', 'user unknown',
               CASE WHEN status = 'failed' THEN 'smtp' ELSE 'dsn' END, sent_at
        FROM ledger WHERE status = 'failed' OR subscriber_id % 97 = 0;
        INSERT INTO events (mailing_id, subscriber_id, kind, occurred_at)
        SELECT mailing_id, subscriber_id, 'open', sent_at FROM ledger WHERE status = 'sent' AND (subscriber_id + mailing_id) % 6 = 1;
        INSERT INTO events (mailing_id, subscriber_id, kind, url, occurred_at)
        SELECT mailing_id, subscriber_id, 'click', 'https://cecop.coop/news', sent_at FROM ledger WHERE status = 'sent' AND (subscriber_id + mailing_id) % 40 = 1;
        INSERT INTO events (mailing_id, subscriber_id, kind, occurred_at)
        SELECT mailing_id, subscriber_id, 'unsubscribe', sent_at FROM ledger WHERE status = 'sent' AND (subscriber_id + mailing_id) % 1000 = 7;
        COMMIT;
        """,
        "PRAGMA wal_checkpoint(TRUNCATE); ANALYZE;",
    ];
}
