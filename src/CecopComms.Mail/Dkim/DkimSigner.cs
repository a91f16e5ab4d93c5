using System.Buffers;
using System.Collections.Concurrent;
using System.Collections.ObjectModel;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Dkim;

/// <summary>
/// Signs messages with DKIM (RFC 6376, rsa-sha256), mirroring MimeKit.Cryptography.DkimSigner. The
/// signature covers exactly the bytes <see cref="MimeMessage.WriteTo"/> produces with the same options.
/// Safe for concurrent <see cref="Sign(FormatOptions, MimeMessage, IList{string})"/> calls on different messages.
/// </summary>
public sealed class DkimSigner : IDisposable
{
    /// <summary>Signed when present: From is mandatory, the others are what receivers and list tools check.</summary>
    public static IList<string> DefaultHeaders { get; } = new ReadOnlyCollection<string>(
    [
        "From", "To", "Subject", "Date", "Message-ID", "MIME-Version", "Content-Type", "List-Unsubscribe", "List-Unsubscribe-Post",
    ]);

    /// <summary>Base64 characters per line of the folded b= tag.</summary>
    private const int SignatureLine = 72;

    private readonly RSA key;
    private readonly bool ownsKey;
    private readonly RSAParameters? parameters;

    /// <summary>RSA instances are not documented as thread-safe, so each concurrent signer rents its own copy.</summary>
    private readonly ConcurrentBag<RSA> pool = [];

    private DkimSignatureAlgorithm signatureAlgorithm = DkimSignatureAlgorithm.RsaSha256;
    private string? agentOrUserIdentifier;
    private TimeProvider timeProvider = TimeProvider.System;

    /// <summary>Made once: a method group would allocate a delegate on every Sign.</summary>
    private readonly Predicate<Header> isOurSignature;

    /// <summary>Creates a signer with an RSA private key; the key stays the caller's to dispose.</summary>
    /// <param name="key">An RSA private key of at least 1024 bits (2048 recommended).</param>
    /// <param name="domain">The signing domain (d=); an IDN is written in punycode.</param>
    /// <param name="selector">The selector (s=): the key is published at <c>selector._domainkey.domain</c>.</param>
    /// <param name="algorithm">The signature algorithm; only rsa-sha256 is accepted.</param>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The domain or selector is invalid, or the key is shorter than 1024 bits.</exception>
    /// <exception cref="NotSupportedException"><paramref name="algorithm"/> is rsa-sha1.</exception>
    public DkimSigner(RSA key, string domain, string selector, DkimSignatureAlgorithm algorithm = DkimSignatureAlgorithm.RsaSha256)
        : this(key, domain, selector, algorithm, ownsKey: false)
    {
    }

    /// <summary>Creates a signer with a PEM private key file (PKCS#1 or PKCS#8, unencrypted).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The file holds no RSA private key, or the domain or selector is invalid.</exception>
    /// <exception cref="IOException">The file cannot be read.</exception>
    /// <exception cref="NotSupportedException"><paramref name="algorithm"/> is rsa-sha1.</exception>
    public DkimSigner(string fileName, string domain, string selector, DkimSignatureAlgorithm algorithm = DkimSignatureAlgorithm.RsaSha256)
        : this(LoadPem(File.ReadAllText(fileName ?? throw new ArgumentNullException(nameof(fileName)))), domain, selector, algorithm, ownsKey: true)
    {
    }

    /// <summary>Creates a signer with a PEM private key read from a stream (PKCS#1 or PKCS#8, unencrypted).</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The stream holds no RSA private key, or the domain or selector is invalid.</exception>
    /// <exception cref="IOException">The stream cannot be read.</exception>
    /// <exception cref="NotSupportedException"><paramref name="algorithm"/> is rsa-sha1.</exception>
    public DkimSigner(Stream stream, string domain, string selector, DkimSignatureAlgorithm algorithm = DkimSignatureAlgorithm.RsaSha256)
        : this(LoadPem(new StreamReader(stream ?? throw new ArgumentNullException(nameof(stream)), Encoding.ASCII, leaveOpen: true).ReadToEnd()), domain, selector, algorithm, ownsKey: true)
    {
    }

    private DkimSigner(RSA key, string domain, string selector, DkimSignatureAlgorithm algorithm, bool ownsKey)
    {
        ArgumentNullException.ThrowIfNull(key);
        ArgumentNullException.ThrowIfNull(domain);
        ArgumentNullException.ThrowIfNull(selector);
        if (key.KeySize < 1024)
            throw new ArgumentException("DKIM keys must have at least 1024 bits (RFC 8301).", nameof(key));
        var reason = AddressParser.CheckDomain(domain);
        if (reason is not null)
            throw new ArgumentException($"Invalid DKIM domain: {reason}.", nameof(domain));
        if (AddressParser.CheckDomain(selector) is { } selectorReason)
            throw new ArgumentException($"Invalid DKIM selector: {selectorReason}.", nameof(selector));
        this.key = key;
        this.ownsKey = ownsKey;
        isOurSignature = IsOurSignature;
        Domain = MailboxAddress.DomainToAscii(domain);
        Selector = selector;
        SignatureAlgorithm = algorithm;
        try
        {
            parameters = key.ExportParameters(includePrivateParameters: true);
        }
        catch (CryptographicException)
        {
            // A key that cannot be exported (hardware, OS store) is used under a lock instead of copied.
            parameters = null;
        }
    }

    /// <summary>The signing domain (d=), ASCII.</summary>
    public string Domain { get; }

    /// <summary>The selector (s=).</summary>
    public string Selector { get; }

    /// <summary>Header canonicalization (c=), relaxed by default.</summary>
    public DkimCanonicalizationAlgorithm HeaderCanonicalizationAlgorithm { get; set; } = DkimCanonicalizationAlgorithm.Relaxed;

    /// <summary>Body canonicalization (c=), relaxed by default.</summary>
    public DkimCanonicalizationAlgorithm BodyCanonicalizationAlgorithm { get; set; } = DkimCanonicalizationAlgorithm.Relaxed;

    /// <summary>The signature algorithm (a=): rsa-sha256.</summary>
    /// <exception cref="NotSupportedException">The value is rsa-sha1 (RFC 8301).</exception>
    public DkimSignatureAlgorithm SignatureAlgorithm
    {
        get => signatureAlgorithm;
        set => signatureAlgorithm = value == DkimSignatureAlgorithm.RsaSha256
            ? value
            : throw new NotSupportedException("Only rsa-sha256 is supported; RFC 8301 forbids signing with rsa-sha1.");
    }

    /// <summary>The agent or user identifier (i=), e.g. <c>@news.example.org</c>; its domain must be <see cref="Domain"/> or a subdomain. Null leaves it out.</summary>
    /// <exception cref="ArgumentException">The value has no '@', holds whitespace, ';' or a non-ASCII character (tag values are ASCII:
    /// write a Unicode domain in its xn-- form), or its domain is not within <see cref="Domain"/>.</exception>
    public string? AgentOrUserIdentifier
    {
        get => agentOrUserIdentifier;
        set
        {
            if (value is not null)
            {
                var at = value.LastIndexOf('@');
                var domain = at < 0 ? "" : value[(at + 1)..];
                // Tag values are ASCII (RFC 6376 3.2): a non-ASCII i= would be signed as one string of bytes and sent as another.
                if (at < 0 || value.AsSpan().IndexOfAny(" \t\r\n;") >= 0 || !System.Text.Ascii.IsValid(value)
                    || !(domain.Equals(Domain, StringComparison.OrdinalIgnoreCase) || domain.EndsWith("." + Domain, StringComparison.OrdinalIgnoreCase)))
                    throw new ArgumentException($"The identifier '{value}' must be an address in {Domain} or one of its subdomains.", nameof(value));
            }
            agentOrUserIdentifier = value;
        }
    }

    /// <summary>The clock for the t= tag.</summary>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public TimeProvider TimeProvider
    {
        get => timeProvider;
        set => timeProvider = value ?? throw new ArgumentNullException(nameof(value));
    }

    /// <summary>Signs with <see cref="FormatOptions.Default"/>; see <see cref="Sign(FormatOptions, MimeMessage, IList{string})"/>.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="headers"/> does not hold From, or the message has no From.</exception>
    /// <exception cref="CryptographicException">The key could not sign.</exception>
    public void Sign(MimeMessage message, IList<string> headers) => Sign(FormatOptions.Default, message, headers);

    /// <summary>
    /// Prepares the message (7bit, or 8bit when <see cref="FormatOptions.International"/>), then adds a
    /// DKIM-Signature header at the top covering the listed headers that are present and the body, as
    /// written with <paramref name="options"/> (CRLF line breaks). Signing again with the same domain and
    /// selector replaces the earlier signature.
    /// </summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="headers"/> does not hold From, or the message has no From.</exception>
    /// <exception cref="InvalidOperationException">The message cannot be written (a header owned by a property was added to Headers).</exception>
    /// <exception cref="CryptographicException">The key could not sign.</exception>
    public void Sign(FormatOptions options, MimeMessage message, IList<string> headers)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentNullException.ThrowIfNull(message);
        ArgumentNullException.ThrowIfNull(headers);
        if (!ContainsFrom(headers))
            throw new ArgumentException("DKIM requires the From header to be signed (RFC 6376 §5.4).", nameof(headers));
        if (message.From.Count == 0)
            throw new ArgumentException("The message has no From header to sign.", nameof(message));

        // An earlier signature over encoded-word headers stays valid only if this one keeps them too.
        var format = message.AsSigned(options);
        if (format.NewLineFormat != NewLineFormat.Dos)
        {
            format = format.Clone();
            format.NewLineFormat = NewLineFormat.Dos;
        }
        message.Prepare(format.International ? EncodingConstraint.EightBit : EncodingConstraint.SevenBit);
        message.Headers.RemoveAll(isOurSignature);

        // The message is written once, into pooled memory; fields and body are hashed from those bytes.
        using var output = new MimeOutput(format);
        message.Write(output);
        var written = output.Written.Span;
        var fields = HeaderFields.Parse(written, out var bodyStart);

        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        DkimCanonicalizer.AppendBody(hash, written[bodyStart..], BodyCanonicalizationAlgorithm);
        Span<byte> digest = stackalloc byte[32];
        hash.GetHashAndReset(digest);
        var bh = Convert.ToBase64String(digest);

        var signed = HeaderFields.SelectForSigning(fields, headers);
        var raw = BuildRawValue(SignedNames(signed), bh);
        foreach (var field in signed)
            DkimCanonicalizer.AppendHeader(hash, written[field.Range], HeaderCanonicalizationAlgorithm);
        AppendOwnHeader(hash, raw, HeaderCanonicalizationAlgorithm);
        hash.GetHashAndReset(digest);
        AppendFolded(raw, Convert.ToBase64String(SignHash(digest)));

        var folded = raw.ToString();
        message.Headers.Insert(0, Header.CreateRaw("DKIM-Signature", Unfold(folded), folded));
        message.SignedWithoutInternational = !format.International;
    }

    /// <inheritdoc/>
    public void Dispose()
    {
        while (pool.TryTake(out var copy))
            copy.Dispose();
        if (ownsKey)
            key.Dispose();
    }

    /// <summary>The tags up to an empty b=, folded at tag boundaries; b= comes last so its value can be appended.</summary>
    private StringBuilder BuildRawValue(string names, string bodyHash)
    {
        var c = Canon(HeaderCanonicalizationAlgorithm) + "/" + Canon(BodyCanonicalizationAlgorithm);
        var timestamp = TimeProvider.GetUtcNow().ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var tags = new List<string> { "v=1", "a=rsa-sha256", "c=" + c, "d=" + Domain, "s=" + Selector };
        if (agentOrUserIdentifier is not null)
            tags.Add("i=" + agentOrUserIdentifier);
        tags.Add("q=dns/txt");
        tags.Add("t=" + timestamp);
        tags.Add("h=" + names);
        tags.Add("bh=" + bodyHash);
        var sb = new StringBuilder();
        var column = "DKIM-Signature:".Length;
        foreach (var tag in tags)
        {
            var piece = tag + ";";
            if (column + 1 + piece.Length > 78 && column > "DKIM-Signature:".Length)
            {
                sb.Append("\r\n\t");
                column = 1;
            }
            else
            {
                sb.Append(' ');
                column++;
            }
            // h= may be long: FWS is allowed around its colons (RFC 6376 §3.5).
            while (column + piece.Length > 78 && piece.LastIndexOf(':', Math.Min(piece.Length - 1, 78 - column)) is var cut and > 2)
            {
                sb.Append(piece, 0, cut).Append("\r\n\t");
                piece = piece[cut..];
                column = 1;
            }
            sb.Append(piece);
            column += piece.Length;
        }
        return sb.Append("\r\n\tb=");
    }

    /// <summary>The DKIM-Signature field being made, b= still empty, as the header hash's last input (§3.7: without its CRLF).</summary>
    private static void AppendOwnHeader(IncrementalHash hash, StringBuilder raw, DkimCanonicalizationAlgorithm algorithm)
    {
        ReadOnlySpan<byte> name = "DKIM-Signature:"u8;
        // Encoded as a whole string, not chunk by chunk: a chunk edge may split a surrogate pair (an i= tag's local part).
        var value = raw.ToString();
        var field = ArrayPool<byte>.Shared.Rent(name.Length + Encoding.ASCII.GetMaxByteCount(value.Length));
        name.CopyTo(field);
        var n = name.Length + Encoding.ASCII.GetBytes(value, field.AsSpan(name.Length));
        DkimCanonicalizer.AppendHeader(hash, field.AsSpan(0, n), algorithm, withoutCrlf: true);
        ArrayPool<byte>.Shared.Return(field);
    }

    private static void AppendFolded(StringBuilder raw, string signature)
    {
        for (var i = 0; i < signature.Length; i += SignatureLine)
        {
            if (i > 0)
                raw.Append("\r\n\t");
            raw.Append(signature, i, Math.Min(SignatureLine, signature.Length - i));
        }
    }

    /// <summary>The header's value as one line: the folds removed, and the space after the colon.</summary>
    private static string Unfold(string folded) =>
        folded.Replace("\r\n", "", StringComparison.Ordinal).TrimStart();

    private static string Canon(DkimCanonicalizationAlgorithm algorithm) =>
        algorithm == DkimCanonicalizationAlgorithm.Simple ? "simple" : "relaxed";

    private byte[] SignHash(ReadOnlySpan<byte> hash)
    {
        if (parameters is not { } p)
        {
            lock (key)
                return key.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        if (!pool.TryTake(out var rsa))
        {
            rsa = RSA.Create();
            rsa.ImportParameters(p);
        }
        try
        {
            return rsa.SignHash(hash, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        finally
        {
            pool.Add(rsa);
        }
    }

    private bool IsOurSignature(Header header) =>
        string.Equals(header.Field, "DKIM-Signature", StringComparison.OrdinalIgnoreCase)
        && HasTag(header.Value, "d=", Domain, StringComparison.OrdinalIgnoreCase)
        && HasTag(header.Value, "s=", Selector, StringComparison.Ordinal);

    /// <summary>True when a ';'-separated tag, trimmed, is exactly <paramref name="tag"/> followed by <paramref name="value"/>.</summary>
    private static bool HasTag(string header, string tag, string value, StringComparison comparison)
    {
        var rest = header.AsSpan();
        foreach (var range in rest.Split(';'))
        {
            var candidate = rest[range].Trim();
            if (candidate.Length == tag.Length + value.Length
                && candidate.StartsWith(tag, comparison)
                && candidate[tag.Length..].Equals(value, comparison))
                return true;
        }
        return false;
    }

    private static bool ContainsFrom(IList<string> headers)
    {
        foreach (var header in headers)
        {
            if (string.Equals(header, "From", StringComparison.OrdinalIgnoreCase))
                return true;
        }
        return false;
    }

    /// <summary>The h= tag's value: the signed names, lower-cased, in signing order.</summary>
    private static string SignedNames(List<HeaderFields.Field> signed)
    {
        var names = new StringBuilder();
        foreach (var field in signed)
        {
            if (names.Length > 0)
                names.Append(':');
            names.Append(field.Name.ToLowerInvariant());
        }
        return names.ToString();
    }

    private static RSA LoadPem(string pem)
    {
        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(pem);
            return rsa;
        }
        catch (ArgumentException e)
        {
            rsa.Dispose();
            throw new ArgumentException("No unencrypted RSA private key (PKCS#1 or PKCS#8 PEM) was found.", e);
        }
    }
}
