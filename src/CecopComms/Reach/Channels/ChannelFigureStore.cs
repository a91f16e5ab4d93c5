using CecopComms.Storage;

namespace CecopComms.Reach.Channels;

/// <summary>Channel figures: a new entry supersedes the older ones of its channel, metric and year for reading; none is ever changed or deleted.</summary>
public sealed class ChannelFigureStore(Database database, TimeProvider time)
{
    private readonly ChannelQueries _queries = QueryLoader.Load<ChannelQueries>(database.Dialect, "channels");
    private readonly ChannelStore _channels = new(database, time);

    /// <summary>Records a figure; returns the new entry.</summary>
    /// <exception cref="ReachException">Unknown channel or metric, a year outside 2000–2100, a negative value, or no source.</exception>
    public async Task<ChannelFigure> SetAsync(string channel, string metric, int year, long value, string source, string enteredBy, CancellationToken cancellationToken)
    {
        var figure = Check(channel, metric, year, value, source, enteredBy, await ChannelsAsync(cancellationToken), out var problem)
            ?? throw new ReachException(ChannelStore.Sentence(problem!));
        var id = await database.ExecuteScalarAsync<long>(_queries.InsertFigure, figure, cancellationToken);
        return figure with { Id = id };
    }

    /// <summary>The current figure of every channel, metric and year (its latest entry); all years or one.</summary>
    public Task<IReadOnlyList<ChannelFigure>> CurrentAsync(int? year, CancellationToken cancellationToken) =>
        database.QueryListAsync<ChannelFigure>(_queries.CurrentFigures, new { Year = year }, cancellationToken);

    /// <summary>Every entry, superseded ones included, newest first within each channel, metric and year.</summary>
    /// <exception cref="ReachException">The channel is not one of those kept.</exception>
    public async Task<IReadOnlyList<ChannelFigure>> HistoryAsync(string? channel, CancellationToken cancellationToken) =>
        await database.QueryListAsync<ChannelFigure>(_queries.FigureHistory,
            new { Channel = channel is null ? null : (await _channels.FindAsync(channel, cancellationToken)).Key }, cancellationToken);

    /// <summary>The channels a figure may be entered for, in report order.</summary>
    public Task<IReadOnlyList<Channel>> ChannelsAsync(CancellationToken cancellationToken) => _channels.ListAsync(cancellationToken);

    /// <summary>Checks an entry as a person wrote it; the figure to insert, or null with the problem in a phrase.</summary>
    internal ChannelFigure? Check(string channel, string metric, int year, long value, string source, string enteredBy, IReadOnlyList<Channel> channels, out string? problem)
    {
        problem = null;
        var found = ChannelCatalogue.Find(channel, channels);
        var metricKey = ChannelCatalogue.NormaliseMetric(metric);
        if (found is null) problem = ChannelStore.NotOne(channel, channels);
        else if (metricKey is null) problem = $"the metric '{metric.Trim()}' is not one of: {string.Join(", ", ChannelCatalogue.Metrics)}";
        else if (year is < 2000 or > 2100) problem = $"the year {year} is not between 2000 and 2100";
        else if (value < 0) problem = $"the value {value} is negative; a channel figure counts people or views";
        else if (string.IsNullOrWhiteSpace(source)) problem = "the source is empty; say where the number comes from (\"X analytics\", \"CECOP activity report 2023\")";
        if (problem is not null) return null;
        return new ChannelFigure
        {
            Channel = found!.Key, ChannelName = found.Name, ChannelPosition = found.Position, Metric = metricKey!, Year = year, Value = value,
            Source = source.Trim(), EnteredAt = time.GetUtcNow(), EnteredBy = enteredBy,
        };
    }

    /// <summary>Writes checked figures in one transaction.</summary>
    internal Task InsertAsync(IReadOnlyList<ChannelFigure> figures, CancellationToken cancellationToken) =>
        FigureFile.InsertAllAsync(database, _queries.InsertFigure, figures, cancellationToken);
}
