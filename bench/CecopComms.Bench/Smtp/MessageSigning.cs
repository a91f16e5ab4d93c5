using System.Security.Cryptography;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;

namespace CecopComms.Bench.Smtp;

/// <summary>
/// DKIM-signs a message before each send, as the sender workers do (signing again replaces the previous
/// signature, so a reused message carries one). One signer per connection: the benchmark's tasks run in parallel.
/// </summary>
internal sealed class MessageSigning : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);
    private readonly ThreadLocal<DkimSigner> _signers;

    private MessageSigning() =>
        _signers = new ThreadLocal<DkimSigner>(() => new DkimSigner(_key, "cecop.example", "news2026"), trackAllValues: true);

    /// <summary>A signer, or null when DKIM signing cannot run here (reported by the benchmark).</summary>
    public static MessageSigning? Create()
    {
        var signing = new MessageSigning();
        try
        {
            var probe = NewsletterSample.Create(0);
            signing.Sign(probe);
            return signing;
        }
        catch (NotImplementedException)
        {
            signing.Dispose();
            return null;
        }
    }

    public void Sign(MimeMessage message) => _signers.Value!.Sign(FormatOptions.Default, message, DkimSigner.DefaultHeaders);

    public void Dispose()
    {
        foreach (var signer in _signers.Values) signer.Dispose();
        _signers.Dispose();
        _key.Dispose();
    }
}
