using CecopComms.Mail.Mime;

namespace CecopComms.Bench.Smtp;

/// <summary>
/// DKIM-signs a message before each send, as the sender workers do. Until the DKIM signer lands this reports
/// itself unavailable and the benchmark leaves the DKIM rows out.
/// </summary>
internal sealed class MessageSigning
{
    private MessageSigning() { }

    public static MessageSigning? Create() => null;

    public void Sign(MimeMessage message) => throw new NotSupportedException("DkimSigner is not available yet.");
}
