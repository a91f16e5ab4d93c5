namespace CecopComms.Mail.Mime;

/// <summary>
/// A <c>message/delivery-status</c> part (RFC 3464): blocks of header-like fields, the first for the whole
/// message, then one per recipient (mirrors MimeKit.MessageDeliveryStatus).
/// </summary>
public class MessageDeliveryStatus : MimePart
{
    private MimeContent? parsedFrom;
    private IReadOnlyList<HeaderList> groups = [];

    /// <summary>Creates an empty <c>message/delivery-status</c> part.</summary>
    public MessageDeliveryStatus() : base("message", "delivery-status") { }

    /// <summary>
    /// The status groups read from the content: the per-message fields (Reporting-MTA, Arrival-Date, …) first,
    /// then one group per recipient (Final-Recipient, Action, Status, Diagnostic-Code, …). Lines that are not
    /// fields are skipped; a part without content has no groups. Read again whenever <see cref="MimePart.Content"/> changes.
    /// </summary>
    public IReadOnlyList<HeaderList> StatusGroups
    {
        get
        {
            if (!ReferenceEquals(parsedFrom, Content))
            {
                groups = Content is null ? [] : HeaderBlockReader.ReadGroups(Content.Data.Span);
                parsedFrom = Content;
            }
            return groups;
        }
    }
}
