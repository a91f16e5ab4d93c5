using CecopComms.Content;

namespace CecopComms.Delivery;

/// <summary>Makes the signed per-recipient links a message carries (unsubscribe, preferences; tracking when it is on).</summary>
public interface IRecipientLinkFactory
{
    /// <summary>
    /// The links for <paramref name="recipient"/> in mailing <paramref name="mailingId"/>; null for a preview or a test copy,
    /// whose links are inert (<see cref="TokenPurpose.Preview"/>) and act on no one.
    /// </summary>
    RecipientLinks For(RecipientData recipient, long? mailingId);
}
