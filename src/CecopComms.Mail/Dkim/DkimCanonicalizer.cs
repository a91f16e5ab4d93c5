using System.Buffers;
using System.Security.Cryptography;

namespace CecopComms.Mail.Dkim;

/// <summary>RFC 6376 §3.4 canonicalization of header fields and body, fed straight into a hash.</summary>
internal static class DkimCanonicalizer
{
    private static ReadOnlySpan<byte> Crlf => "\r\n"u8;

    private static bool IsWsp(byte b) => b is (byte)' ' or (byte)'\t';

    /// <summary>Hashes one header field given as written (name, colon, folded value, final CRLF unless <paramref name="withoutCrlf"/>).</summary>
    public static void AppendHeader(IncrementalHash hash, ReadOnlySpan<byte> field, DkimCanonicalizationAlgorithm algorithm, bool withoutCrlf = false)
    {
        if (algorithm == DkimCanonicalizationAlgorithm.Simple)
        {
            hash.AppendData(withoutCrlf && field.EndsWith(Crlf) ? field[..^2] : field);
            return;
        }
        var colon = field.IndexOf((byte)':');
        var name = field[..colon];
        while (name.Length > 0 && IsWsp(name[^1]))
            name = name[..^1];
        var rented = ArrayPool<byte>.Shared.Rent(field.Length + 2);
        var n = 0;
        foreach (var b in name)
            rented[n++] = b is >= (byte)'A' and <= (byte)'Z' ? (byte)(b + 32) : b;
        rented[n++] = (byte)':';
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
                rented[n++] = (byte)' ';
            pendingSpace = false;
            started = true;
            rented[n++] = b;
        }
        if (!withoutCrlf)
        {
            rented[n++] = (byte)'\r';
            rented[n++] = (byte)'\n';
        }
        hash.AppendData(rented, 0, n);
        ArrayPool<byte>.Shared.Return(rented);
    }

    /// <summary>Hashes the body (CRLF line breaks) in canonical form, streaming line by line.</summary>
    public static void AppendBody(IncrementalHash hash, ReadOnlySpan<byte> body, DkimCanonicalizationAlgorithm algorithm)
    {
        var emptyLines = 0;
        var anyLine = false;
        var scratch = ArrayPool<byte>.Shared.Rent(1024);
        while (body.Length > 0)
        {
            var end = body.IndexOf(Crlf);
            var line = end < 0 ? body : body[..end];
            body = end < 0 ? default : body[(end + 2)..];
            if (algorithm == DkimCanonicalizationAlgorithm.Relaxed)
            {
                while (line.Length > 0 && IsWsp(line[^1]))
                    line = line[..^1];
            }
            if (line.Length == 0)
            {
                // Trailing empty lines are dropped: count them until a non-empty line proves they are inside.
                emptyLines++;
                continue;
            }
            for (; emptyLines > 0; emptyLines--)
                hash.AppendData(Crlf);
            if (algorithm == DkimCanonicalizationAlgorithm.Simple)
                hash.AppendData(line);
            else
                AppendRelaxedLine(hash, line, scratch);
            hash.AppendData(Crlf);
            anyLine = true;
        }
        ArrayPool<byte>.Shared.Return(scratch);
        // §3.4.3: an empty body is one CRLF in simple; §3.4.4: nothing in relaxed.
        if (!anyLine && algorithm == DkimCanonicalizationAlgorithm.Simple)
            hash.AppendData(Crlf);
    }

    private static void AppendRelaxedLine(IncrementalHash hash, ReadOnlySpan<byte> line, byte[] scratch)
    {
        var n = 0;
        var previousWsp = false;
        foreach (var b in line)
        {
            var wsp = IsWsp(b);
            if (wsp && previousWsp)
                continue;
            previousWsp = wsp;
            if (n == scratch.Length)
            {
                hash.AppendData(scratch, 0, n);
                n = 0;
            }
            scratch[n++] = wsp ? (byte)' ' : b;
        }
        hash.AppendData(scratch, 0, n);
    }
}
