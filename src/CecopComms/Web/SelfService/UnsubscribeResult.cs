namespace CecopComms.Web.SelfService;

/// <summary>What an unsubscribe did.</summary>
/// <param name="Found">False when the person no longer exists (erased): nothing to do, and nothing will be sent.</param>
/// <param name="Changed">False for a replay: they were already unsubscribed, and no second event was recorded.</param>
/// <param name="Scope">The list's name, or null when they left every list (a segment's mailing, or a test copy).</param>
/// <param name="Language">The person's language, which the page answers in; null when they are not found.</param>
public sealed record UnsubscribeResult(bool Found, bool Changed, string? Scope, string? Language = null);
