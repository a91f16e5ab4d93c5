using CecopComms.Content;
using MimeKit;

namespace CecopComms.Delivery;

/// <summary>Builds the complete message one recipient receives: rendered content, headers, signed links, DKIM.</summary>
public interface IMessageComposer
{
    /// <summary>
    /// Renders <paramref name="mailing"/> for <paramref name="recipient"/> and builds the MIME message: From/Reply-To,
    /// a unique Message-ID, List-Unsubscribe (mailto and https) with List-Unsubscribe-Post, List-Id, the per-recipient
    /// bounce address, DKIM-signed when a key is configured. <paramref name="mailingId"/> is null for previews;
    /// <paramref name="test"/> marks the subject [TEST].
    /// </summary>
    MimeMessage Compose(ICompiledMailing mailing, RecipientData recipient, long? mailingId, bool test);
}
