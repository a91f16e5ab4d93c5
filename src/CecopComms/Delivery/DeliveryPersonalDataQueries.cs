namespace CecopComms.Delivery;

/// <summary>Named queries of Storage/Sql/{dialect}/deliveries.sql.</summary>
public sealed class DeliveryPersonalDataQueries
{
    public string MessagesOfSubscriber { get; set; } = "";
    public string BouncesOfSubscriber { get; set; } = "";
    public string EraseLedgerReplies { get; set; } = "";
    public string EraseBounceReplies { get; set; } = "";
}
