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
    /// Bytes go straight into the output's buffer: this loop runs for every byte of every HTML body.
    /// </summary>
    public static void WriteQuotedPrintable(ReadOnlySpan<byte> data, bool isText, MimeOutput output)
    {
        // Room for one token, a soft break and a line break.
        const int Reserve = 3 + 1 + 2;
        var newLine = output.NewLineBytes;
        var span = output.GetSpan(1024);
        var n = 0;
        var column = 0;
        for (var i = 0; i < data.Length; i++)
        {
            if (span.Length - n < Reserve)
            {
                output.Advance(n);
                span = output.GetSpan(1024);
                n = 0;
            }
            var b = data[i];
            if (isText && (b == (byte)'\r' || b == (byte)'\n'))
            {
                if (b == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')
                    i++;
                newLine.CopyTo(span[n..]);
                n += newLine.Length;
                column = 0;
                continue;
            }
            var atLineEnd = i + 1 == data.Length || (isText && data[i + 1] is (byte)'\r' or (byte)'\n');
            var literal = (b >= 33 && b <= 126 && b != (byte)'=') || ((b == (byte)' ' || b == (byte)'\t') && !atLineEnd);
            var len = literal ? 1 : 3;
            // Leave room for the '=' of a soft break unless this token ends the line anyway.
            if (column + len > (atLineEnd ? QpLine : QpLine - 1))
            {
                span[n++] = (byte)'=';
                newLine.CopyTo(span[n..]);
                n += newLine.Length;
                column = 0;
            }
            if (literal)
            {
                span[n++] = b;
            }
            else
            {
                span[n++] = (byte)'=';
                span[n++] = (byte)Hex[b >> 4];
                span[n++] = (byte)Hex[b & 15];
            }
            column += len;
        }
        output.Advance(n);
    }
}
