namespace CecopComms.Audience;

/// <summary>Consent to record with a subscription.</summary>
/// <param name="Source">import, form, admin, cli.</param>
/// <param name="Channel">IP address, file name or user.</param>
/// <param name="WordingVersion">Which consent text the person agreed to.</param>
public sealed record NewConsent(string Source, string Channel, string WordingVersion);
