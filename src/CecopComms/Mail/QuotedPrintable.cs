using System.Buffers;

namespace CecopComms.Mail;

/// <summary>
/// Quoted-printable (RFC 2045 6.7) for text parts, written in one pass over runs of bytes that stand for themselves:
/// MimeKit's encoder goes byte by byte through a state machine, several times slower on a newsletter's HTML. Lines end
/// with LF (MimeKit writes CRLF on the wire); encoded lines are at most 76 characters with the soft break; a space or
/// tab before a line end or at the end is escaped; '=', control characters and every 8-bit byte are escaped.
/// </summary>
public static class QuotedPrintable
{
    private const int MaxContent = 75; // characters before a soft break "=" on one encoded line

    // Bytes that cannot stand for themselves, and the line end. Space and tab stand for themselves except as the last
    // byte of a line, which is fixed up when a run ends at a line end.
    private static readonly SearchValues<byte> Special = SearchValues.Create(Special_());

    private static byte[] Special_()
    {
        var bytes = new List<byte>();
        for (var b = 0; b < 256; b++)
            if (b is (< 32 and not '\t') or > 126 or '=') bytes.Add((byte)b);
        return [.. bytes];
    }

    /// <summary>The largest output <see cref="Encode"/> can write for <paramref name="length"/> input bytes.</summary>
    public static int MaxEncodedLength(int length) => length * 3 + (length * 3 / MaxContent + 1) * 2;

    /// <summary>Encodes <paramref name="input"/> (text whose lines end with LF, no CR) into <paramref name="output"/>; returns the bytes written.</summary>
    public static int Encode(ReadOnlySpan<byte> input, Span<byte> output)
    {
        var at = 0;
        var column = 0;
        var i = 0;
        while (i < input.Length)
        {
            // A run of bytes that stand for themselves, copied up to the room left on the line.
            var run = input[i..].IndexOfAny(Special);
            if (run < 0) run = input.Length - i;
            while (run > 0)
            {
                if (column == MaxContent) SoftBreak(output, ref at, ref column);
                var take = Math.Min(run, MaxContent - column);
                input.Slice(i, take).CopyTo(output[at..]);
                at += take;
                column += take;
                i += take;
                run -= take;
            }
            var lineEnd = i >= input.Length || input[i] == (byte)'\n';
            if (lineEnd && i > 0 && input[i - 1] is (byte)' ' or (byte)'\t' && column > 0)
            {
                // The line's last byte is a blank: take back its literal copy and escape it.
                at--;
                column--;
                Escape(input[i - 1], output, ref at, ref column);
            }
            if (i >= input.Length) break;

            var b = input[i];
            if (b == (byte)'\n')
            {
                output[at++] = (byte)'\n';
                column = 0;
            }
            else
            {
                Escape(b, output, ref at, ref column);
            }
            i++;
        }
        return at;
    }

    private static void Escape(byte b, Span<byte> output, ref int at, ref int column)
    {
        if (column + 3 > MaxContent) SoftBreak(output, ref at, ref column);
        output[at++] = (byte)'=';
        output[at++] = Hex[b >> 4];
        output[at++] = Hex[b & 15];
        column += 3;
    }

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    private static void SoftBreak(Span<byte> output, ref int at, ref int column)
    {
        output[at++] = (byte)'=';
        output[at++] = (byte)'\n';
        column = 0;
    }
}
