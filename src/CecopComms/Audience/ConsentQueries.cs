namespace CecopComms.Audience;

/// <summary>Named queries of Storage/Sql/{dialect}/consents.sql.</summary>
public sealed class ConsentQueries
{
    public string InsertConsent { get; set; } = "";
    public string ConsentsOfSubscriber { get; set; } = "";
    public string EraseConsentChannels { get; set; } = "";
    public string WithdrawConsents { get; set; } = "";
}
