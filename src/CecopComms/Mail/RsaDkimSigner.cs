using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Security.Cryptography;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace CecopComms.Mail;

/// <summary>
/// MimeKit's DKIM signer, signing with .NET's RSA (OpenSSL) over an incremental SHA-256 instead of BouncyCastle's
/// managed RSA, which is about ten times slower per message. Relaxed/relaxed canonicalization (MimeKit defaults to
/// simple/simple, which breaks on the first relay that refolds a header); t= comes from the application's clock.
/// Thread-safe: concurrent senders share one; each signature rents an RSA instance of its own.
/// </summary>
public sealed class RsaDkimSigner : DkimSigner
{
    /// <summary>The header fields signed on every mailing: those a reader sees, those that shape the body, and List-Unsubscribe (RFC 8058 requires it signed).</summary>
    public static IList<string> SignedHeaders { get; } = new ReadOnlyCollection<string>(
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post",
    ]);

    private readonly string _pem;
    private readonly TimeProvider _time;
    private readonly ConcurrentBag<RSA> _keys = [];

    /// <summary>Reads the PEM private key (PKCS#1 or PKCS#8) at <paramref name="keyPath"/>.</summary>
    /// <exception cref="FileNotFoundException">No such file.</exception>
    /// <exception cref="ArgumentException">The file holds no RSA private key of 1024 bits or more, or the domain or selector is empty.</exception>
    public RsaDkimSigner(string keyPath, string domain, string selector, TimeProvider time)
        : this(File.ReadAllText(keyPath), keyPath, domain, selector, time)
    {
    }

    /// <summary>Signs with <paramref name="key"/>, which stays the caller's (the signer keeps copies of its own).</summary>
    /// <exception cref="ArgumentException">The key is under 1024 bits, or the domain or selector is empty.</exception>
    public RsaDkimSigner(RSA key, string domain, string selector, TimeProvider time)
        : this(key.ExportPkcs8PrivateKeyPem(), "the key given", domain, selector, time)
    {
    }

    private RsaDkimSigner(string pem, string source, string domain, string selector, TimeProvider time)
        : base(PemStream(pem, source), domain, selector, DkimSignatureAlgorithm.RsaSha256)
    {
        _time = time;
        _pem = pem;
        var key = RSA.Create();
        key.ImportFromPem(_pem);
        if (key.KeySize is var bits and < 1024)
        {
            key.Dispose();
            throw new ArgumentException($"{source} holds a {bits}-bit RSA key; DKIM needs at least 1024 bits (2048 recommended).");
        }
        _keys.Add(key);
        HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
        BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed;
    }

    /// <summary>
    /// Signs <paramref name="message"/> with <see cref="SignedHeaders"/>. The message must already be prepared for the
    /// wire (<see cref="MimeMessage.Prepare(EncodingConstraint, int)"/>): MailKit leaves a signed message as it is, so
    /// what was signed is what is sent.
    /// </summary>
    public void Sign(MimeMessage message) => Sign(MailMessages.Crlf, message, SignedHeaders);

    /// <summary>The PEM as a stream for MimeKit's own key reader, once it is known to hold an RSA private key .NET can use.</summary>
    private static MemoryStream PemStream(string pem, string source)
    {
        using var probe = RSA.Create();
        try
        {
            probe.ImportFromPem(pem);
        }
        catch (ArgumentException e)
        {
            throw new ArgumentException($"{source} holds no RSA private key in PEM form ({e.Message}).", e);
        }
        return new MemoryStream(System.Text.Encoding.ASCII.GetBytes(pem), writable: false);
    }

    protected override long GetTimestamp() => _time.GetUtcNow().ToUnixTimeSeconds();

    protected override ISigner CreateSigningContext() => new Context(this);

    private RSA Rent()
    {
        if (_keys.TryTake(out var key)) return key;
        key = RSA.Create();
        key.ImportFromPem(_pem);
        return key;
    }

    /// <summary>The signing context MimeKit feeds the canonical headers into: hashes as they come, signs once at the end.</summary>
    private sealed class Context(RsaDkimSigner owner) : ISigner
    {
        private readonly IncrementalHash _hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);

        public string AlgorithmName => "SHA-256withRSA";

        public void Init(bool forSigning, ICipherParameters parameters)
        {
            if (!forSigning) throw new NotSupportedException("This context only signs.");
        }

        public void Update(byte input) => _hash.AppendData([input]);

        public void BlockUpdate(byte[] input, int inOff, int inLen) => _hash.AppendData(input, inOff, inLen);

        public void BlockUpdate(ReadOnlySpan<byte> input) => _hash.AppendData(input);

        public int GetMaxSignatureSize() => 512;

        public byte[] GenerateSignature()
        {
            Span<byte> digest = stackalloc byte[32];
            _hash.GetHashAndReset(digest);
            var key = owner.Rent();
            try
            {
                return key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
            }
            finally
            {
                owner._keys.Add(key);
            }
        }

        public bool VerifySignature(byte[] signature) => throw new NotSupportedException("This context only signs.");

        public void Reset()
        {
            Span<byte> discard = stackalloc byte[32];
            _hash.GetHashAndReset(discard);
        }
    }
}
