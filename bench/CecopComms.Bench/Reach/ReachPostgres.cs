using System.Diagnostics;
using CecopComms.Storage;
using Npgsql;

namespace CecopComms.Bench.Reach;

/// <summary>
/// The reach benchmark's busy year (<see cref="ReachDatabase"/>) on PostgreSQL: the same rows, made by the same
/// set-based statements written for PostgreSQL (generate_series instead of a recursive CTE, make_timestamptz instead of
/// printf'd text), inside the server so no row crosses the connection, after the real PostgreSQL migrations.
/// The number of subscribers scales it: 1,000,000 gives the 10,000,000 ledger rows of the SQLite database.
/// </summary>
internal static class ReachPostgres
{
    public static async Task FillAsync(string connectionString, int subscribers, CancellationToken cancellationToken)
    {
        var watch = Stopwatch.StartNew();
        using (var database = new Database(new StorageOptions { Provider = "postgres", ConnectionString = connectionString }))
            await new Migrator(database, TimeProvider.System).MigrateAsync(cancellationToken);
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync(cancellationToken);
        foreach (var step in Steps(subscribers))
        {
            await using var command = new NpgsqlCommand(step, connection) { CommandTimeout = 0 };
            await command.ExecuteNonQueryAsync(cancellationToken);
        }
        Console.WriteLine($"reach: filled PostgreSQL in {watch.Elapsed.TotalSeconds:N0} s");
    }

    private static string[] Steps(int subscribers) =>
    [
        $"""
        INSERT INTO subscribers (id, uuid, email, email_key, name, language, status, created_at, updated_at)
        SELECT i, 'bench-' || i, 'reader' || i || '@members' || (i % 50) || '.example', 'reader' || i || '@members' || (i % 50) || '.example',
               'Reader ' || i, 'en', CASE WHEN i % 33 = 0 THEN 'unsubscribed' ELSE 'active' END,
               make_timestamptz(2020 + i % 4, 1 + i % 12, 1 + i % 28, i % 24, 0, 0, 'UTC'), '2023-01-01T00:00:00Z'
        FROM generate_series(1, {subscribers}) AS i;
        INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, unsubscribed_at, updated_at)
        SELECT (SELECT id FROM lists WHERE slug = 'external-newsletter'), id, CASE WHEN id % 33 = 0 THEN 'unsubscribed' ELSE 'confirmed' END,
               created_at, created_at, CASE WHEN id % 33 = 0 THEN make_timestamptz(2023, 1 + (id % 12)::int, 15, 12, 0, 0, 'UTC') END, created_at
        FROM subscribers;
        """,
        $"""
        INSERT INTO editions (id, publication_id, year, number, issue_date, subject, source_name, source, state, created_at, updated_at)
        SELECT i, CASE WHEN i = 10 THEN (SELECT id FROM publications WHERE slug = 'cecop-newsletter') ELSE (SELECT id FROM publications WHERE slug = 'cecop-link') END,
               2023, CASE WHEN i = 10 THEN 1 ELSE i END, to_char(make_date(2023, i, 5), 'YYYY-MM-DD'), 'Edition ' || i, 'bench.yaml', '', 'sent',
               '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z'
        FROM generate_series(1, 10) AS i;
        INSERT INTO campaigns (id, slug, hashtag, name, starts_on, ends_on, audience, source, created_at, updated_at)
        VALUES (1, 'coopskills2023', '#CoopSkills2023', 'European Year of Skills', '2023-07-01', '2023-12-31', 'list:external-newsletter', '', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z');
        INSERT INTO campaign_mailings (id, campaign_id, slug, title, planned_at, files, state, created_at, updated_at) VALUES
          (1, 1, 'launch', 'Launch', '2023-11-05T08:00:00Z', jsonb_build_object(), 'sent', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z'),
          (2, 1, 'conference', 'Conference', '2023-12-05T08:00:00Z', jsonb_build_object(), 'sent', '2023-01-01T00:00:00Z', '2023-01-01T00:00:00Z');
        INSERT INTO mailings (id, source_kind, source_id, title, audience, list_id, status, total, created_at, started_at, finished_at, updated_at)
        SELECT i, CASE WHEN i <= 10 THEN 'edition' ELSE 'campaign-mailing' END, CASE WHEN i <= 10 THEN i ELSE i - 10 END, 'Mailing ' || i,
               'list:external-newsletter', (SELECT id FROM lists WHERE slug = 'external-newsletter'), 'finished', 0,
               make_timestamptz(2023, i, 5, 7, 0, 0, 'UTC'), make_timestamptz(2023, i, 5, 8, 0, 0, 'UTC'),
               make_timestamptz(2023, i, 5, 11, 0, 0, 'UTC'), make_timestamptz(2023, i, 5, 11, 0, 0, 'UTC')
        FROM generate_series(1, {ReachDatabase.Mailings}) AS i;
        """,
        """
        INSERT INTO ledger (mailing_id, subscriber_id, status, attempts, reply, message_id, sent_at, updated_at)
        SELECT m.id, s.id, CASE WHEN (s.id * 7 + m.id) % 100 = 0 THEN 'failed' ELSE 'sent' END, 1,
               CASE WHEN (s.id * 7 + m.id) % 100 = 0 THEN '550 5.1.1 <reader@example>: Recipient address rejected' ELSE '250 2.0.0 Ok: queued as 4XyZ12AbCd' END,
               '<' || m.id || '.' || s.id || '.bench@cecop.coop>',
               make_timestamptz(2023, m.id::int, 5, 8 + (s.id / 400000)::int, ((s.id / 6000) % 60)::int, ((s.id / 100) % 60)::int, 'UTC'),
               make_timestamptz(2023, m.id::int, 5, 11, 0, 0, 'UTC')
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
        """,
        "VACUUM ANALYZE;",
    ];
}
