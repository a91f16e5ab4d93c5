namespace CecopComms.Audience;

/// <summary>What staff look for among subscribers; every part is optional and all given parts must hold.</summary>
/// <param name="Text">Part of the e-mail address or the name, in any case.</param>
/// <param name="List">A list slug: people with a subscription to it, whatever its status.</param>
/// <param name="Status">active, unsubscribed, bounced or blocklisted.</param>
/// <param name="Country">The country of the person's organisation: an ISO 3166 code or English name.</param>
/// <param name="Language">A language tag; "it" also finds it-CH.</param>
public sealed record SubscriberCriteria(string? Text = null, string? List = null, string? Status = null, string? Country = null, string? Language = null);
