using CecopComms.Audience.Segments;

namespace CecopComms.Audience;

/// <summary>A list or a segment, found from a reference such as "list:cecop-link" or "segment:italy-full".</summary>
/// <param name="Kind">"list" or "segment".</param>
/// <param name="Slug">The list's or segment's slug.</param>
/// <param name="Name">Its name.</param>
/// <param name="List">The list, when it is one.</param>
/// <param name="Segment">The segment, when it is one.</param>
public sealed record ResolvedAudience(string Kind, string Slug, string Name, MailingList? List, Segment? Segment)
{
    /// <summary>Only contacts of member organisations may be in it.</summary>
    public bool MembersOnly => List?.MembersOnly ?? false;

    public override string ToString() => $"{Kind}:{Slug}";
}
