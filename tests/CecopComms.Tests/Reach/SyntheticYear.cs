using CecopComms.Audience;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Reach.Channels;
using CecopComms.Reach.Figures;
using CecopComms.Reach.Past;
using CecopComms.Reach.Reports;
using CecopComms.Storage;
using CecopComms.Tests.Import;
using CecopComms.Tests.Infrastructure;
using Dapper;

namespace CecopComms.Tests.Reach;

/// <summary>
/// A year of activity like CECOP's 2023, written into a fresh database through the real tables and stores: 3,495
/// confirmed subscribers of the external newsletter at the end of 2023 (with sign-ups, unconfirmed sign-ups and
/// unsubscribes during the year), member contacts on CECOP Link, 9 CECOP Link editions and 1 newsletter edition sent in
/// 2023 (one CECOP Link edition in 2022), a cancelled mailing, the #CoopSkills2023 campaign, bounces, opens, clicks and
/// unsubscribes, and the channel figures of samples/channels.csv. Alongside, it remembers what it wrote (who was
/// confirmed when, who each mailing went to, who bounced or opened), so tests count the expected figures themselves.
/// </summary>
internal sealed class SyntheticYear : IDisposable
{
    public static readonly TimeZoneInfo Brussels = TimeZoneInfo.FindSystemTimeZoneById("Europe/Brussels");

    private readonly Random _random = new(2023);

    private SyntheticYear(TempWorkspace workspace, Database database)
    {
        Workspace = workspace;
        Database = database;
        Mailings = new MailingStore(database, Clock);
        Channels = new ChannelFigureStore(database, Clock);
        Figures = new MailingFigureStore(database, Clock);
        Past = new PastEmailFigureStore(database, Clock);
        Builder = new YearReportBuilder(database, Figures, Channels, Past, Clock);
    }

    public TempWorkspace Workspace { get; }
    public Database Database { get; }
    public TestClock Clock { get; } = new();
    public MailingStore Mailings { get; }
    public ChannelFigureStore Channels { get; }
    public MailingFigureStore Figures { get; }
    public PastEmailFigureStore Past { get; }
    public YearReportBuilder Builder { get; }

    /// <summary>Every subscription written: list slug, subscriber id, confirmed at (null: never), unsubscribed at.</summary>
    public List<(string List, long Subscriber, DateTimeOffset? ConfirmedAt, DateTimeOffset? UnsubscribedAt)> Subscriptions { get; } = [];

    /// <summary>Every mailing written, with what happened to each recipient.</summary>
    public List<SentMailing> Sent { get; } = [];

    /// <summary>Whether samples/channels.csv was imported.</summary>
    public bool ChannelsLoaded { get; private set; }

    /// <summary>Bounces written: kind and time (also those of recipients that were never sent).</summary>
    public List<(string Kind, DateTimeOffset At)> Bounces { get; } = [];

    public static async Task<SyntheticYear> CreateAsync(bool channels = true)
    {
        var workspace = new TempWorkspace();
        var year = new SyntheticYear(workspace, await workspace.OpenDatabaseAsync());
        await year.WriteAsync(channels);
        return year;
    }

    /// <summary>Brussels local time as a UTC instant.</summary>
    public static DateTimeOffset Local(int year, int month, int day, int hour = 10, int minute = 0) =>
        new(TimeZoneInfo.ConvertTimeToUtc(new DateTime(year, month, day, hour, minute, 0, DateTimeKind.Unspecified), Brussels), TimeSpan.Zero);

    /// <summary>A file of the repository: found above the test assembly, or above this source file when the build went elsewhere (--artifacts-path).</summary>
    public static string RepositoryFile(string relative, [System.Runtime.CompilerServices.CallerFilePath] string source = "")
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Path.GetDirectoryName(source) ?? "" })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
                if (File.Exists(Path.Combine(folder.FullName, relative))) return Path.Combine(folder.FullName, relative);
        throw new FileNotFoundException($"{relative} is not above {AppContext.BaseDirectory} nor above {source}.");
    }

    private async Task WriteAsync(bool channels)
    {
        // External newsletter: 3,300 confirmed in 2021-2022, 300 in 2023 of whom 105 left in 2023 → 3,495 at the end of
        // 2023; 40 who left in 2022; 25 who never confirmed; 12 who confirmed in 2024; one who confirmed at 00:30 on
        // 1 January 2024 in Brussels (still 2023 in UTC: the period is Brussels time).
        var newsletter = new List<(DateTimeOffset? Confirmed, DateTimeOffset? Left)>();
        for (var i = 0; i < 3_340; i++) newsletter.Add((Local(2021 + i % 2, 1 + i % 12, 1 + i % 28, 9 + i % 8), i < 40 ? Local(2022, 11, 1 + i % 28) : null));
        for (var i = 0; i < 300; i++) newsletter.Add((Local(2023, 1 + i % 12, 1 + i % 28, 8 + i % 10), i < 105 ? Local(2023, 12, 1 + i % 28, 15) : null));
        for (var i = 0; i < 25; i++) newsletter.Add((null, null));
        for (var i = 0; i < 12; i++) newsletter.Add((Local(2024, 2, 1 + i), null));
        newsletter.Add((Local(2024, 1, 1, 0, 30), null));
        // Unsubscribed at 23:30 on 31 December 2023 in Brussels (2023 in Brussels, 22:30 UTC).
        newsletter.Add((Local(2022, 5, 5), Local(2023, 12, 31, 23, 30)));
        await AddListAsync("external-newsletter", "reader", newsletter);

        var members = new List<(DateTimeOffset? Confirmed, DateTimeOffset? Left)>();
        for (var i = 0; i < 160; i++) members.Add((Local(2022, 1 + i % 12, 3), i < 6 ? Local(2023, 6, 10) : null));
        await AddListAsync("cecop-link", "member", members);

        var link = await PublicationIdAsync("cecop-link");
        var external = await PublicationIdAsync("cecop-newsletter");
        await SendEditionAsync(link, 2022, 11, Local(2022, 12, 6), "cecop-link", "cecop-link");
        for (var n = 1; n <= 9; n++)
            await SendEditionAsync(link, 2023, n, Local(2023, n + (n > 5 ? 2 : 1), 7), "cecop-link", "cecop-link");
        await SendEditionAsync(external, 2023, 1, Local(2023, 11, 20), "external-newsletter", "cecop-newsletter");
        // An edition whose mailing was cancelled before anything went out: not an edition sent.
        var cancelled = await InsertEditionAsync(link, 2023, 10, Local(2023, 12, 12));
        await StartAsync(new MailingSource(MailingSourceKind.Edition, cancelled), "cecop-link", "cecop-link", Local(2023, 12, 12), sendShare: 0, status: MailingStatus.Cancelled);

        var campaign = await Database.ExecuteScalarAsync<long>(
            "INSERT INTO campaigns (slug, hashtag, name, starts_on, ends_on, audience, source, created_at, updated_at) " +
            "VALUES ('coopskills2023', '#CoopSkills2023', 'European Year of Skills', '2023-07-01', '2023-12-31', 'list:external-newsletter', '', @Now, @Now) RETURNING id",
            new { Now = Local(2023, 6, 1) }, CancellationToken.None);
        foreach (var (slug, at, send) in new[] { ("launch", Local(2023, 7, 4), true), ("conference", Local(2023, 11, 7), true), ("report", Local(2024, 2, 1), false) })
        {
            var id = await Database.ExecuteScalarAsync<long>(
                "INSERT INTO campaign_mailings (campaign_id, slug, title, planned_at, files, state, created_at, updated_at) " +
                "VALUES (@Campaign, @Slug, @Title, @At, '{}', @State, @At, @At) RETURNING id",
                new { Campaign = campaign, Slug = slug, Title = $"#CoopSkills2023: {slug}", At = at, State = send ? "sent" : "draft" }, CancellationToken.None);
            if (send) await StartAsync(new MailingSource(MailingSourceKind.CampaignMailing, id), "external-newsletter", "coopskills2023", at, sendShare: 0.97);
        }

        if (channels) await new ChannelImporter(Channels).ImportAsync(RepositoryFile("samples/channels.csv"), "test", CancellationToken.None);
        ChannelsLoaded = channels;
    }

    private async Task AddListAsync(string slug, string prefix, List<(DateTimeOffset? Confirmed, DateTimeOffset? Left)> people)
    {
        await using var connection = await Database.OpenAsync();
        await using var transaction = await connection.BeginTransactionAsync();
        var listId = await connection.ExecuteScalarAsync<long>("SELECT id FROM lists WHERE slug = @slug", new { slug }, transaction);
        for (var i = 0; i < people.Count; i++)
        {
            var (confirmed, left) = people[i];
            var created = confirmed ?? Local(2023, 3, 3);
            var id = await connection.ExecuteScalarAsync<long>(
                "INSERT INTO subscribers (uuid, email, email_key, name, status, created_at, updated_at) VALUES (@Uuid, @Email, @Email, @Name, @Status, @Created, @Created) RETURNING id",
                new { Uuid = Guid.NewGuid().ToString(), Email = $"{prefix}{i}@example.org", Name = $"{prefix} {i}", Status = left is null ? "active" : "unsubscribed", Created = created }, transaction);
            await connection.ExecuteAsync(
                "INSERT INTO subscriptions (list_id, subscriber_id, status, created_at, confirmed_at, unsubscribed_at, updated_at) VALUES (@ListId, @Id, @Status, @Created, @Confirmed, @Left, @Created)",
                new { ListId = listId, Id = id, Status = left is not null ? "unsubscribed" : confirmed is null ? "unconfirmed" : "confirmed", Created = created, Confirmed = confirmed, Left = left }, transaction);
            Subscriptions.Add((slug, id, confirmed, left));
        }
        await transaction.CommitAsync();
    }

    private Task<long> PublicationIdAsync(string slug) =>
        Database.ExecuteScalarAsync<long>("SELECT id FROM publications WHERE slug = @slug", new { slug }, CancellationToken.None);

    private Task<long> InsertEditionAsync(long publication, int year, int number, DateTimeOffset at) =>
        Database.ExecuteScalarAsync<long>(
            "INSERT INTO editions (publication_id, year, number, issue_date, subject, source_name, source, state, created_at, updated_at) " +
            "VALUES (@Publication, @Year, @Number, @Issue, @Subject, 'synthetic.yaml', '', 'sent', @At, @At) RETURNING id",
            new { Publication = publication, Year = year, Number = number, Issue = at.ToString("yyyy-MM-dd"), Subject = $"Edition {number} - {year}", At = at }, CancellationToken.None);

    private async Task SendEditionAsync(long publication, int year, int number, DateTimeOffset at, string list, string stream)
    {
        var edition = await InsertEditionAsync(publication, year, number, at);
        await StartAsync(new MailingSource(MailingSourceKind.Edition, edition), list, stream, at, sendShare: 0.98);
    }

    /// <summary>
    /// Creates the mailing with its ledger through <see cref="MailingStore"/> (the list's confirmed subscribers at
    /// <paramref name="at"/>), then plays the sender: marks rows sent (or failed) over the next hour, records bounces,
    /// opens, clicks and unsubscribes, and finishes the mailing.
    /// </summary>
    private async Task StartAsync(MailingSource source, string list, string stream, DateTimeOffset at, double sendShare, MailingStatus status = MailingStatus.Finished)
    {
        Clock.Now = at;
        var listRecord = await new ListStore(Database, Clock).GetAsync(list, CancellationToken.None);
        var recipients = Subscriptions.Where(s => s.List == list && s.ConfirmedAt < at && !(s.UnsubscribedAt < at))
            .Select(s => new Recipient { Id = s.Subscriber }).ToList();
        var mailing = await Mailings.CreateAsync(source, $"{source}", new ResolvedAudience("list", list, list, listRecord, null), recipients, MailingStatus.Scheduled, CancellationToken.None);
        await Mailings.SetStatusAsync(mailing.Id, [MailingStatus.Scheduled], MailingStatus.Running, null, CancellationToken.None);

        var sent = new SentMailing(mailing.Id, source, stream, at);
        await using (var connection = await Database.OpenAsync())
        await using (var transaction = await connection.BeginTransactionAsync())
        {
            foreach (var r in recipients)
            {
                var roll = _random.NextDouble();
                var sentAt = at.AddSeconds(_random.Next(3_600));
                if (roll < sendShare)
                {
                    await connection.ExecuteAsync("UPDATE ledger SET status = 'sent', sent_at = @SentAt, reply = '250 OK' WHERE mailing_id = @M AND subscriber_id = @S",
                        new { SentAt = sentAt, M = mailing.Id, S = r.Id }, transaction);
                    sent.SentTo.Add(r.Id);
                    var fate = _random.NextDouble();
                    if (fate < 0.012) await BounceAsync(connection, transaction, mailing.Id, r.Id, fate < 0.008 ? "hard" : "soft", sentAt.AddMinutes(fate < 0.004 ? 1 : 60 * 24), sent);
                    else
                    {
                        if (fate < 0.45) await EventAsync(connection, transaction, mailing.Id, r.Id, "open", sentAt.AddHours(2), sent.Opened);
                        if (fate < 0.45 && fate > 0.40) await EventAsync(connection, transaction, mailing.Id, r.Id, "open", sentAt.AddHours(30), sent.Opened);
                        if (fate < 0.12) await EventAsync(connection, transaction, mailing.Id, r.Id, "click", sentAt.AddHours(2), sent.Clicked);
                        if (fate > 0.995) await EventAsync(connection, transaction, mailing.Id, r.Id, "unsubscribe", sentAt.AddHours(3), sent.Unsubscribed);
                    }
                }
                else if (status == MailingStatus.Finished)
                {
                    await connection.ExecuteAsync("UPDATE ledger SET status = 'failed', reply = '550 5.1.1 no such user' WHERE mailing_id = @M AND subscriber_id = @S",
                        new { M = mailing.Id, S = r.Id }, transaction);
                    // A refused recipient gets a bounce too; it was never sent, so it takes nothing off "delivered".
                    await BounceAsync(connection, transaction, mailing.Id, r.Id, "hard", sentAt, sent);
                }
            }
            await transaction.CommitAsync();
        }
        Clock.Now = at.AddHours(1);
        if (status == MailingStatus.Cancelled) await Mailings.CancelAsync(mailing.Id, CancellationToken.None);
        else await Mailings.SetStatusAsync(mailing.Id, [MailingStatus.Running], MailingStatus.Finished, null, CancellationToken.None);
        Sent.Add(sent);
    }

    private async Task BounceAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long mailing, long subscriber, string kind, DateTimeOffset at, SentMailing sent)
    {
        await connection.ExecuteAsync("INSERT INTO bounces (mailing_id, subscriber_id, kind, code, reply, source, bounced_at) VALUES (@M, @S, @Kind, '550 5.1.1', 'no such user', @Source, @At)",
            new { M = mailing, S = subscriber, Kind = kind, Source = kind == "hard" ? "smtp" : "dsn", At = at }, transaction);
        sent.Bounced.Add(subscriber);
        Bounces.Add((kind, at));
    }

    private static async Task EventAsync(System.Data.Common.DbConnection connection, System.Data.Common.DbTransaction transaction, long mailing, long subscriber, string kind, DateTimeOffset at, HashSet<long> into)
    {
        await connection.ExecuteAsync("INSERT INTO events (mailing_id, subscriber_id, kind, occurred_at) VALUES (@M, @S, @Kind, @At)",
            new { M = mailing, S = subscriber, Kind = kind, At = at }, transaction);
        into.Add(subscriber);
    }

    public void Dispose() => Workspace.Dispose();
}

/// <summary>What the synthetic year did with one mailing (Stream: the publication or campaign slug): who it was sent to, who bounced, opened, clicked, unsubscribed.</summary>
internal sealed record SentMailing(long Id, MailingSource Source, string Stream, DateTimeOffset StartedAt)
{
    public HashSet<long> SentTo { get; } = [];
    public HashSet<long> Bounced { get; } = [];
    public HashSet<long> Opened { get; } = [];
    public HashSet<long> Clicked { get; } = [];
    public HashSet<long> Unsubscribed { get; } = [];

    public IEnumerable<long> Delivered => SentTo.Where(s => !Bounced.Contains(s));
}
