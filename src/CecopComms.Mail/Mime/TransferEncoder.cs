using System.Buffers.Text;

namespace CecopComms.Mail.Mime;

/// <summary>Streams part content to the output in a transfer encoding, without an intermediate copy.</summary>
internal static class TransferEncoder
{
    /// <summary>RFC 2045: encoded lines of at most 76 characters.</summary>
    private const int QpLine = 76;

    /// <summary>57 bytes make one 76-character base64 line.</summary>
    private const int Base64Block = 57;

    private const string Hex = "0123456789ABCDEF";

    public static void WriteBase64(ReadOnlySpan<byte> data, MimeOutput output)
    {
        while (data.Length > 0)
        {
            var n = Math.Min(Base64Block, data.Length);
            var span = output.GetSpan(80);
            Base64.EncodeToUtf8(data[..n], span, out _, out var written);
            output.Advance(written);
            output.NewLine();
            data = data[n..];
        }
    }

    /// <summary>Writes with the output's line endings; CRLF, bare CR and bare LF are all line breaks in text.</summary>
    public static void WriteLines(ReadOnlySpan<byte> data, MimeOutput output)
    {
        while (data.Length > 0)
        {
            var i = data.IndexOfAny((byte)'\r', (byte)'\n');
            if (i < 0)
            {
                output.Write(data);
                return;
            }
            output.Write(data[..i]);
            output.NewLine();
            var skip = data[i] == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n' ? 2 : 1;
            data = data[(i + skip)..];
        }
    }

    /// <summary>
    /// Quoted-printable. In text, line breaks stay line breaks; elsewhere CR and LF are encoded.
    /// Whitespace before a line end is encoded so transports that strip it change nothing.
    /// </summary>
    public static void WriteQuotedPrintable(ReadOnlySpan<byte> data, bool isText, MimeOutput output)
    {
        var column = 0;
        Span<byte> token = stackalloc byte[3];
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (isText && (b == (byte)'\r' || b == (byte)'\n'))
            {
                if (b == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')
                    i++;
                output.NewLine();
                column = 0;
                continue;
            }
            int len;
            var atLineEnd = i + 1 == data.Length || (isText && data[i + 1] is (byte)'\r' or (byte)'\n');
            if ((b >= 33 && b <= 126 && b != (byte)'=') || ((b == (byte)' ' || b == (byte)'\t') && !atLineEnd))
            {
                token[0] = b;
                len = 1;
            }
            else
            {
                token[0] = (byte)'=';
                token[1] = (byte)Hex[b >> 4];
                token[2] = (byte)Hex[b & 15];
                len = 3;
            }
            // Leave room for the '=' of a soft break unless this token ends the line anyway.
            var limit = atLineEnd ? QpLine : QpLine - 1;
            if (column + len > limit)
            {
                output.WriteByte((byte)'=');
                output.NewLine();
                column = 0;
            }
            output.Write(token[..len]);
            column += len;
        }
    }
}
