namespace CecopComms.Web.SelfService;

/// <summary>Named queries of Storage/Sql/{dialect}/self-service.sql.</summary>
public sealed class SelfServiceQueries
{
    public string GetSubscriberByUuid { get; set; } = "";
    public string GetSubscription { get; set; } = "";
    public string InsertPendingSubscription { get; set; } = "";
    public string ConfirmSubscription { get; set; } = "";
    public string ReactivateSubscriber { get; set; } = "";
    public string ListOfMailing { get; set; } = "";
    public string CountMailing { get; set; } = "";
    public string UnsubscribeFromList { get; set; } = "";
    public string UnsubscribeFromAllLists { get; set; } = "";
    public string OptOutSubscriber { get; set; } = "";
    public string InsertUnsubscribeEvent { get; set; } = "";
    public string UpdateProfile { get; set; } = "";
}
