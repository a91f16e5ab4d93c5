using System.Security.Cryptography;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Bench.Smtp;

/// <summary>
/// DKIM-signs a message before each send, as the sender workers do: the application's <see cref="RsaDkimSigner"/>
/// (MimeKit's DkimSigner signing through .NET's RSA), RSA-2048, relaxed/relaxed, <see cref="RsaDkimSigner.SignedHeaders"/>.
/// A reused message loses its previous DKIM-Signature first, so it carries one. Thread-safe: one signer for all connections.
/// </summary>
internal sealed class MessageSigning : IDisposable
{
    private readonly RSA _key = RSA.Create(2048);

    public MessageSigning() => Signer = new RsaDkimSigner(_key, "cecop.example", "news2026", TimeProvider.System);

    public RsaDkimSigner Signer { get; }

    /// <summary>The RSA key, for the "RSA alone" rows and for a stock MimeKit signer of the same key.</summary>
    public RSA Key => _key;

    /// <summary>Signs a message prepared for the wire (Prepare(SevenBit) already done), replacing an earlier signature.</summary>
    public void Sign(MimeMessage message)
    {
        message.Headers.RemoveAll(HeaderId.DkimSignature);
        Signer.Sign(message);
    }

    public void Dispose() => _key.Dispose();
}
