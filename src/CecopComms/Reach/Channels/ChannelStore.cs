using System.Globalization;
using System.Text;
using CecopComms.Storage;

namespace CecopComms.Reach.Channels;

/// <summary>
/// The channels figures are kept for (table channels). Staff add one ("Bluesky" becomes the key bluesky) or rename one;
/// a channel's key never changes, so the figures entered under it keep working under its new name.
/// </summary>
public sealed class ChannelStore(Database database, TimeProvider time)
{
    private const int LongestName = 40;
    private readonly ChannelQueries _queries = QueryLoader.Load<ChannelQueries>(database.Dialect, "channels");

    /// <summary>Every channel, in report order.</summary>
    public Task<IReadOnlyList<Channel>> ListAsync(CancellationToken cancellationToken) =>
        database.QueryListAsync<Channel>(_queries.Channels, null, cancellationToken);

    /// <summary>Adds a channel named <paramref name="name"/> at the end of the reports; returns it.</summary>
    /// <exception cref="ReachException">The name is empty, too long, has no letter or digit, or is (or reads as) a channel's already.</exception>
    public async Task<Channel> AddAsync(string name, string by, CancellationToken cancellationToken)
    {
        var channels = await ListAsync(cancellationToken);
        var clean = CheckName(name, channels, null);
        var key = KeyOf(clean);
        if (ChannelCatalogue.Find(key, channels) is { } same)
            throw new ReachException($"The channel {same.Name} is already kept; a channel named '{clean}' would be read as the same one.");
        await database.ExecuteScalarAsync<long>(_queries.AddChannel, new { Key = key, Name = clean, At = time.GetUtcNow(), By = by }, cancellationToken);
        return (await ListAsync(cancellationToken)).Single(c => c.Key == key);
    }

    /// <summary>Gives the channel <paramref name="channel"/> (its key or current name) the name <paramref name="name"/>; returns it renamed.</summary>
    /// <exception cref="ReachException">There is no such channel, or the new name is empty, too long, or another channel's.</exception>
    public async Task<Channel> RenameAsync(string channel, string name, string by, CancellationToken cancellationToken)
    {
        var channels = await ListAsync(cancellationToken);
        var found = ChannelCatalogue.Find(channel, channels) ?? throw Unknown(channel, channels);
        var clean = CheckName(name, channels, found);
        await database.ExecuteScalarAsync<long>(_queries.RenameChannel, new { found.Key, Name = clean, At = time.GetUtcNow(), By = by }, cancellationToken);
        return found with { Name = clean };
    }

    /// <summary>The channel <paramref name="text"/> names.</summary>
    /// <exception cref="ReachException">It names none of them.</exception>
    public async Task<Channel> FindAsync(string text, CancellationToken cancellationToken)
    {
        var channels = await ListAsync(cancellationToken);
        return ChannelCatalogue.Find(text, channels) ?? throw Unknown(text, channels);
    }

    /// <summary>"the channel 'mastodon' is not one of: Twitter / X, Facebook, …" (without the capital and the full stop).</summary>
    internal static string NotOne(string text, IReadOnlyList<Channel> channels) =>
        $"the channel '{text.Trim()}' is not one of: {string.Join(", ", channels.Select(c => c.Name))}";

    private static ReachException Unknown(string text, IReadOnlyList<Channel> channels) => new(Sentence(NotOne(text, channels)));

    /// <summary>A phrase as a sentence: its first letter a capital, a full stop at the end.</summary>
    internal static string Sentence(string phrase) => char.ToUpperInvariant(phrase[0]) + phrase[1..] + ".";

    private static string CheckName(string name, IReadOnlyList<Channel> channels, Channel? renamed)
    {
        var clean = string.Join(' ', name.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0) throw new ReachException("The name is empty; give the channel's name as reports should show it, such as Bluesky.");
        if (clean.Length > LongestName) throw new ReachException($"The name '{clean}' is longer than {LongestName} characters.");
        if (KeyOf(clean).Length == 0) throw new ReachException($"The name '{clean}' has no letter or digit.");
        if (channels.FirstOrDefault(c => c != renamed && string.Equals(c.Name, clean, StringComparison.OrdinalIgnoreCase)) is { } other)
            throw new ReachException($"The name '{clean}' is already the channel {other.Name}'s.");
        return clean;
    }

    // "Bluesky" → bluesky, "Threads (Meta)" → threads-meta: ASCII letters and digits, words joined by '-'.
    private static string KeyOf(string name)
    {
        var key = new StringBuilder();
        foreach (var c in name.Normalize(NormalizationForm.FormD).ToLowerInvariant())
            if (char.IsAsciiLetterOrDigit(c)) key.Append(c);
            else if (key.Length > 0 && key[^1] != '-' && CharUnicodeInfo.GetUnicodeCategory(c) != UnicodeCategory.NonSpacingMark) key.Append('-');
        return key.ToString().Trim('-');
    }
}
