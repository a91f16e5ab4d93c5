namespace CecopComms.Web.Admin;

/// <summary>What the activity page asks for: each filter null when not given; <see cref="Before"/> is the id the previous page ended at.</summary>
public sealed record ActivityFilter(string? Action = null, string? Actor = null, DateTimeOffset? From = null, DateTimeOffset? Until = null, long? Before = null);

/// <summary>One page of the log, newest first, and the <see cref="ActivityFilter.Before"/> of the next (older) page, or null at the end.</summary>
public sealed record ActivityPage(IReadOnlyList<ActivityEntry> Entries, long? Older);
