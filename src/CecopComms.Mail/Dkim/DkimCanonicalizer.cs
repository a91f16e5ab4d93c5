using System.Buffers;
using System.Security.Cryptography;

namespace CecopComms.Mail.Dkim;

/// <summary>
/// RFC 6376 §3.4 canonicalization of header fields and body. The canonical bytes are built in one buffer
/// and hashed in one call: a hash call per line costs more than the hashing itself on a 20 KB body.
/// </summary>
internal static class DkimCanonicalizer
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>Hashes one header field given as written (name, colon, folded value, final CRLF unless <paramref name="withoutCrlf"/>).</summary>
    public static void AppendHeader(IncrementalHash hash, ReadOnlySpan<byte> field, DkimCanonicalizationAlgorithm algorithm, bool withoutCrlf = false)
    {
        var rented = ArrayPool<byte>.Shared.Rent(field.Length + 2);
        hash.AppendData(rented, 0, CanonicalizeHeader(field, algorithm, withoutCrlf, rented));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>
    /// Writes one header field in canonical form to <paramref name="destination"/> (at least
    /// <c>field.Length + 2</c> bytes) and returns the length written.
    /// </summary>
    public static int CanonicalizeHeader(ReadOnlySpan<byte> field, DkimCanonicalizationAlgorithm algorithm, bool withoutCrlf, Span<byte> destination)
    {
        if (algorithm == DkimCanonicalizationAlgorithm.Simple)
        {
            var simple = withoutCrlf && field.EndsWith(Crlf) ? field[..^2] : field;
            simple.CopyTo(destination);
            return simple.Length;
        }
        var colon = field.IndexOf((byte)':');
        var name = field[..colon];
        while (name.Length > 0 && IsWsp(name[^1]))
            name = name[..^1];
        var n = 0;
        foreach (var b in name)
            destination[n++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        destination[n++] = (byte)':';
        // Unfold, collapse whitespace runs to one space, drop whitespace around the value.
        var pendingSpace = false;
        var started = false;
        foreach (var b in field[(colon + 1)..])
        {
            if (b is (byte)'\r' or (byte)'\n')
                continue;
            if (IsWsp(b))
            {
                pendingSpace = started;
                continue;
            }
            if (pendingSpace)
                destination[n++] = (byte)' ';
            pendingSpace = false;
            started = true;
            destination[n++] = b;
        }
        if (!withoutCrlf)
        {
            destination[n++] = (byte)'\r';
            destination[n++] = (byte)'\n';
        }
        return n;
    }

    /// <summary>Hashes the body (CRLF line breaks) in canonical form.</summary>
    public static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body, DkimCanonicalizationAlgorithm algorithm)
    {
        // The common case needs no copy: the canonical body is a prefix of the written one.
        if (CanonicalPrefix(body, algorithm) is { } prefix)
        {
            hash.AppendData(body[..prefix]);
            if (prefix > 0 && !body[..prefix].EndsWith(Crlf))
                hash.AppendData(Crlf);
            else if (prefix == 0 && algorithm == DkimCanonicalizationAlgorithm.Simple)
                hash.AppendData(Crlf);
            return;
        }
        var rented = ArrayPool<byte>.Shared.Rent(body.Length + 2);
        hash.AppendData(rented, 0, CanonicalizeRelaxedBody(body, rented));
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>
    /// When the canonical body is the body's first N bytes (plus a final CRLF if those do not end in one), N;
    /// null when relaxed canonicalization must rewrite whitespace. Either way trailing empty lines are cut.
    /// </summary>
    private static int? CanonicalPrefix(ReadOnlySpan<byte> body, DkimCanonicalizationAlgorithm algorithm)
    {
        // §3.4.4 relaxed rewrites a tab, a run of whitespace, and whitespace ending a line; quoted-printable and
        // base64 output has none of them, so three vectorised scans usually prove it a no-op.
        if (algorithm == DkimCanonicalizationAlgorithm.Relaxed
            && (body.IndexOf((byte)'\t') >= 0 || body.IndexOf("  "u8) >= 0 || body.IndexOf(" \r\n"u8) >= 0 || body.EndsWith(" "u8)))
            return null;
        // §3.4.3/§3.4.4: empty lines at the end of the body are dropped.
        var end = body.Length;
        while (end >= 2 && body[..end].EndsWith(Crlf))
            end -= 2;
        if (end == 0)
            return 0;
        // Keep the line's own CRLF when it has one.
        return end + 2 <= body.Length ? end + 2 : end;
    }

    /// <summary>
    /// §3.4.4: whitespace ending a line removed, other whitespace runs made one space, trailing empty lines
    /// removed. Writes to <paramref name="destination"/> (at least <c>body.Length + 2</c> bytes); returns the length.
    /// </summary>
    private static int CanonicalizeRelaxedBody(ReadOnlySpan<byte> body, Span<byte> destination)
    {
        var n = 0;
        var emptyLines = 0;
        while (body.Length > 0)
        {
            var end = body.IndexOf(Crlf);
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 2)..];
            while (line.Length > 0 && IsWsp(line[^1]))
                line = line[..^1];
            if (line.Length == 0)
            {
                // Trailing empty lines are dropped: count them until a non-empty line proves they are inside.
                emptyLines++;
                continue;
            }
            for (; emptyLines > 0; emptyLines--)
            {
                Crlf.CopyTo(destination[n..]);
                n += 2;
            }
            n += CollapseWhitespace(line, destination[n..]);
            Crlf.CopyTo(destination[n..]);
            n += 2;
        }
        return n;
    }

    private static int CollapseWhitespace(ReadOnlySpan<byte> line, Span<byte> destination)
    {
        var n = 0;
        var previousWsp = false;
        foreach (var b in line)
        {
            var wsp = IsWsp(b);
            if (wsp && previousWsp)
                continue;
            previousWsp = wsp;
            destination[n++] = wsp ? (byte)' ' : b;
        }
        return n;
    }
}
