namespace CecopComms.Audience.Import;

/// <summary>The list subscribers are imported into, loaded once per import.</summary>
internal sealed record ListTarget(long Id, string Slug, bool DoubleOptIn, bool MembersOnly)
{
    /// <summary>
    /// The status of a new subscription: on a double opt-in list only a row that says consent was given is confirmed
    /// (the rest wait for the opt-in mail); elsewhere a row is confirmed unless it says consent was refused.
    /// </summary>
    public string StatusFor(bool? consent) => consent == true || (!DoubleOptIn && consent != false) ? "confirmed" : "unconfirmed";
}
