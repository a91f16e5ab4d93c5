namespace CecopComms.Content;

/// <summary>The signed per-recipient links a rendered message carries.</summary>
/// <param name="UnsubscribeUrl">One-click unsubscribe page (signed token).</param>
/// <param name="PreferencesUrl">Preference centre (signed token).</param>
/// <param name="TrackClick">When tracking is on: turns a link of the mailing into its signed click-redirect URL; null when off.</param>
/// <param name="OpenPixelUrl">When tracking is on: the open pixel's URL; null when off.</param>
public sealed record RecipientLinks(string UnsubscribeUrl, string PreferencesUrl, Func<string, string>? TrackClick, string? OpenPixelUrl);
