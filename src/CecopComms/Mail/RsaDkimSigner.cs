using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using MimeKit;
using MimeKit.Cryptography;
using Org.BouncyCastle.Crypto;

namespace CecopComms.Mail;

/// <summary>
/// MimeKit's DKIM signer, signing with .NET's RSA (OpenSSL) over an incremental SHA-256 instead of BouncyCastle's
/// managed RSA, which is about ten times slower per message. Relaxed/relaxed canonicalization (MimeKit defaults to
/// simple/simple, which breaks on the first relay that refolds a header); t= comes from the application's clock.
/// Thread-safe: concurrent senders share one; each signature rents an RSA instance of its own.
/// <see cref="Sign(MimeMessage)"/>, the path the sender takes, does MimeKit's work itself in one pass: MimeKit's own
/// <c>Sign</c> writes and canonicalises the body through byte-by-byte filters into BouncyCastle's managed SHA-256 and
/// allocates about 85 KB per message; here the body is written once into a per-thread buffer, canonicalised only when
/// it has to be, and hashed with .NET's SHA-256, and the signed header fields are canonicalised from the bytes MimeKit
/// writes. The signature is the same DKIM-Signature MimeKit would add (same tags, relaxed/relaxed).
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
    public void Sign(MimeMessage message)
    {
        ArgumentNullException.ThrowIfNull(message);
        var buffer = t_buffer ??= new MemoryStream(32 * 1024);
        buffer.SetLength(0);
        if (message.Body is { } body) body.WriteTo(MailMessages.Crlf, buffer, contentOnly: true);
        Span<byte> bodyHash = stackalloc byte[32];
        HashRelaxedBody(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), bodyHash);

        // The last instance of each signed field that the message has, in the order of SignedHeaders (RFC 6376 5.4.2);
        // the body's own fields (Content-Type) are written after the message's, so they count as later.
        var fields = new List<Header>(SignedHeaders.Count);
        var names = new StringBuilder();
        foreach (var name in SignedHeaders)
        {
            var header = Last(message.Body?.Headers, name) ?? Last(message.Headers, name);
            if (header is null) continue;
            fields.Add(header);
            if (names.Length > 0) names.Append(':');
            names.Append(name);
        }

        var value = new StringBuilder(512).Append("v=1; a=rsa-sha256; c=relaxed/relaxed; d=").Append(Domain).Append("; s=").Append(Selector);
        if (!string.IsNullOrEmpty(AgentOrUserIdentifier)) value.Append("; i=").Append(AgentOrUserIdentifier);
        value.Append("; t=").Append(GetTimestamp().ToString(CultureInfo.InvariantCulture))
            .Append("; h=").Append(names).Append("; bh=").Append(Convert.ToBase64String(bodyHash)).Append("; b=");
        var unsigned = value.ToString();

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        var canonical = new ArrayBufferWriter<byte>(1024);
        foreach (var header in fields)
        {
            canonical.ResetWrittenCount();
            RelaxedHeader(header.Field, header.RawValue, canonical, crlf: true);
            hash.AppendData(canonical.WrittenSpan);
        }
        // The signature's own field, b= empty, without the final CRLF (RFC 6376 3.7).
        canonical.ResetWrittenCount();
        RelaxedHeader("DKIM-Signature", Encoding.ASCII.GetBytes(unsigned), canonical, crlf: false);
        hash.AppendData(canonical.WrittenSpan);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        byte[] signature;
        var key = Rent();
        try
        {
            signature = key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        finally
        {
            _keys.Add(key);
        }

        // Folded only where the tags already have a space (relaxed canonicalisation turns the fold back into it) and
        // inside b=, whose value a verifier removes with its whitespace before it checks.
        var folded = new StringBuilder(unsigned.Length + 400).Append(' ').Append(unsigned.Replace("; ", ";\r\n\t", StringComparison.Ordinal));
        var b64 = Convert.ToBase64String(signature);
        for (var i = 0; i < b64.Length; i += 72)
        {
            if (i > 0) folded.Append("\r\n\t");
            folded.Append(b64, i, Math.Min(72, b64.Length - i));
        }
        folded.Append("\r\n");
        var dkim = new Header(HeaderId.DkimSignature, "x");
        dkim.SetRawValue(Encoding.ASCII.GetBytes(folded.ToString()));
        message.Headers.Insert(0, dkim);
    }

    [ThreadStatic]
    private static MemoryStream? t_buffer;

    private static Header? Last(HeaderList? headers, string name)
    {
        if (headers is null) return null;
        for (var i = headers.Count - 1; i >= 0; i--)
            if (string.Equals(headers[i].Field, name, StringComparison.OrdinalIgnoreCase)) return headers[i];
        return null;
    }

    /// <summary>Relaxed header canonicalisation (RFC 6376 3.4.2): lower-case name, value unfolded, runs of blanks made one space, blanks at either end removed.</summary>
    internal static void RelaxedHeader(string field, ReadOnlySpan<byte> raw, IBufferWriter<byte> into, bool crlf)
    {
        var span = into.GetSpan(field.Length + raw.Length + 3);
        var at = 0;
        foreach (var c in field) span[at++] = (byte)char.ToLowerInvariant(c);
        span[at++] = (byte)':';
        var start = at;
        var blank = false;
        foreach (var b in raw)
        {
            if (b is (byte)'\r' or (byte)'\n') continue;
            if (b is (byte)' ' or (byte)'\t')
            {
                blank = true;
                continue;
            }
            if (blank && at > start) span[at++] = (byte)' ';
            blank = false;
            span[at++] = b;
        }
        if (crlf)
        {
            span[at++] = (byte)'\r';
            span[at++] = (byte)'\n';
        }
        into.Advance(at);
    }

    private static readonly System.Buffers.SearchValues<byte> Blanks = System.Buffers.SearchValues.Create(" \t"u8);

    /// <summary>
    /// SHA-256 of the relaxed canonical body (RFC 6376 3.4.4) of CRLF text. Quoted-printable, base64 and most 7-bit text
    /// have no tab, no run of spaces and no space before a line end: then only the trailing empty lines go, and the
    /// written bytes are hashed in place. Otherwise the canonical body is built once in a pooled buffer.
    /// </summary>
    internal static void HashRelaxedBody(ReadOnlySpan<byte> body, Span<byte> hash)
    {
        var end = body.Length;
        while (end >= 2 && body[end - 2] == '\r' && body[end - 1] == '\n') end -= 2;
        var content = body[..end];
        if (content.IsEmpty)
        {
            SHA256.HashData(ReadOnlySpan<byte>.Empty, hash);
            return;
        }
        var plain = content.IndexOf((byte)'\t') < 0 && content.IndexOf("  "u8) < 0 && content.IndexOf(" \r\n"u8) < 0 && content[^1] != (byte)' ';
        if (plain && end + 2 <= body.Length)
        {
            SHA256.HashData(body[..(end + 2)], hash);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(content.Length + 2);
        try
        {
            var at = 0;
            var pending = false; // a run of blanks not yet written: one space, unless the line ends first
            for (var i = 0; i < content.Length; i++)
            {
                var b = content[i];
                if (b is (byte)' ' or (byte)'\t')
                {
                    pending = true;
                    continue;
                }
                if (b == (byte)'\r' && i + 1 < content.Length && content[i + 1] == (byte)'\n') pending = false;
                else if (pending) rented[at++] = (byte)' ';
                pending = false;
                rented[at++] = b;
            }
            // Trailing empty lines again: a line of blanks only is empty once its blanks are gone.
            while (at >= 2 && rented[at - 2] == '\r' && rented[at - 1] == '\n') at -= 2;
            if (at > 0)
            {
                rented[at++] = (byte)'\r';
                rented[at++] = (byte)'\n';
            }
            SHA256.HashData(rented.AsSpan(0, at), hash);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(rented);
        }
    }

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
