using System.Data.Common;
using CecopComms.Storage;
using Dapper;

namespace CecopComms.Reach.Figures;

/// <summary>
/// Per-mailing figures: computed from the ledger (rows 'sent'), the bounces and the events of the mailing, and kept in
/// mailing_figures once the mailing is finished or cancelled, with the stamp they were computed from. A report reads
/// the kept row while the stamp still matches (no new bounce, event or retry since) and computes it again otherwise,
/// so the figures are always the ledger's, and a year over 10 million ledger rows reads one row per mailing.
/// </summary>
public sealed class MailingFigureStore(Database database, TimeProvider time)
{
    private readonly ReachQueries _queries = QueryLoader.Load<ReachQueries>(database.Dialect, "reach");

    /// <summary>Mailings whose sending started in [from, to).</summary>
    public Task<IReadOnlyList<StartedMailing>> StartedAsync(DateTimeOffset from, DateTimeOffset to, CancellationToken cancellationToken) =>
        database.QueryListAsync<StartedMailing>(_queries.StartedMailings, new { From = from, To = to, Id = (long?)null }, cancellationToken);

    /// <summary>Computes and keeps the figures of a mailing that has just finished or been cancelled, so the first report after it reads one row.</summary>
    public async Task KeepAsync(long mailingId, CancellationToken cancellationToken)
    {
        var mailing = await database.QueryListAsync<StartedMailing>(_queries.StartedMailings,
            new { From = DateTimeOffset.MinValue, To = DateTimeOffset.MaxValue, Id = (long?)mailingId }, cancellationToken);
        if (mailing.Count == 1 && mailing[0].IsSettled) await FiguresAsync(mailing, cancellationToken);
    }

    /// <summary>The figures of each mailing, from mailing_figures when their stamp matches, else computed from the ledger (and kept when settled).</summary>
    public async Task<IReadOnlyDictionary<long, MailingFigures>> FiguresAsync(IReadOnlyList<StartedMailing> mailings, CancellationToken cancellationToken)
    {
        var result = new Dictionary<long, MailingFigures>();
        if (mailings.Count == 0) return result;
        await using var connection = await database.OpenAsync(cancellationToken);
        var stored = (await connection.QueryAsync<StoredRow>(new CommandDefinition(_queries.StoredFigures,
            new { Ids = System.Text.Json.JsonSerializer.Serialize(mailings.Select(m => m.Id)), IdArray = mailings.Select(m => m.Id).ToArray() }, cancellationToken: cancellationToken)))
            .ToDictionary(r => r.MailingId);
        foreach (var mailing in mailings)
        {
            if (stored.TryGetValue(mailing.Id, out var row) && row.Stamp == mailing.Stamp && mailing.IsSettled)
            {
                result[mailing.Id] = new MailingFigures(mailing.Id, row.Sent, row.Bounced, row.Delivered, row.Opened, row.Clicked, row.Unsubscribed,
                    PeopleSet.FromBytes(row.PeopleFirst, row.People));
                continue;
            }
            var figures = await ComputeAsync(connection, mailing.Id, cancellationToken);
            result[mailing.Id] = figures;
            if (mailing.IsSettled)
                await connection.ExecuteAsync(new CommandDefinition(_queries.SaveFigures, new
                {
                    figures.MailingId, mailing.Stamp, figures.Sent, figures.Bounced, figures.Delivered, figures.Opened, figures.Clicked,
                    figures.Unsubscribed, PeopleFirst = figures.People.First, People = figures.People.ToBytes(), Now = time.GetUtcNow(),
                }, cancellationToken: cancellationToken));
        }
        return result;
    }

    private async Task<MailingFigures> ComputeAsync(DbConnection connection, long mailingId, CancellationToken cancellationToken)
    {
        var sent = await ReadIdsAsync(connection, _queries.SentPeople, mailingId, cancellationToken);
        var bounced = await ReadIdsAsync(connection, _queries.BouncedPeople, mailingId, cancellationToken);
        var people = PeopleSet.FromSorted(sent, bounced);
        var delivered = people.Count;
        var events = (await connection.QueryAsync<(string Kind, long People)>(new CommandDefinition(_queries.MailingEvents,
            new { MailingId = mailingId }, cancellationToken: cancellationToken))).ToDictionary(e => e.Kind, e => e.People);
        return new MailingFigures(mailingId, sent.Count, sent.Count - delivered, delivered,
            events.GetValueOrDefault("open"), events.GetValueOrDefault("click"), events.GetValueOrDefault("unsubscribe"), people);
    }

    // A plain reader, not Dapper: a mailing to a million people is a million ids, read once into one list.
    private static async Task<List<long>> ReadIdsAsync(DbConnection connection, string sql, long mailingId, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@MailingId";
        parameter.Value = mailingId;
        command.Parameters.Add(parameter);
        var ids = new List<long>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) ids.Add(reader.GetInt64(0));
        return ids;
    }

    private sealed record StoredRow
    {
        public long MailingId { get; init; }
        public string Stamp { get; init; } = "";
        public long Sent { get; init; }
        public long Bounced { get; init; }
        public long Delivered { get; init; }
        public long Opened { get; init; }
        public long Clicked { get; init; }
        public long Unsubscribed { get; init; }
        public long PeopleFirst { get; init; }
        public byte[] People { get; init; } = [];
    }
}
