using System.Buffers.Text;

namespace CecopComms.Mail.Mime;

/// <summary>Streams part content to the output in a transfer encoding, without an intermediate copy.</summary>
internal static class TransferEncoder
{
    /// <summary>57 bytes make one 76-character base64 line.</summary>
    private const int Base64Block = 57;

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
    /// This runs over every byte of every HTML body, so it goes by runs found with vectorised searches: bytes
    /// that stand for themselves, copied a line's worth at a time, and bytes that are always escaped (non-ASCII
    /// text). Line breaks and the last byte of a line go through <see cref="QuotedPrintableWriter.Byte"/>, which holds the rules.
    /// </summary>
    public static void WriteQuotedPrintable(ReadOnlySpan<byte> data, bool isText, MimeOutput output)
    {
        var writer = new QuotedPrintableWriter(output);
        var escaped = isText ? QuotedPrintableWriter.EscapedInText : QuotedPrintableWriter.NotLiteral;
        var i = 0;
        while (i < data.Length)
        {
            var rest = data[i..];
            var literals = rest.IndexOfAny(QuotedPrintableWriter.NotLiteral);
            var run = literals == 0 ? rest.IndexOfAnyExcept(escaped) : literals;
            if (run < 0)
                run = rest.Length;
            if (run > 0)
            {
                // The last byte before a line end has its own rules (76 columns, whitespace encoded).
                var endsLine = run == rest.Length || (isText && rest[run] is (byte)'\r' or (byte)'\n');
                var count = endsLine ? run - 1 : run;
                if (literals == 0)
                    writer.Escapes(rest[..count]);
                else
                    writer.Literals(rest[..count]);
                i += count;
                if (!endsLine)
                    continue;
            }
            i = writer.Byte(data, i, isText);
        }
        writer.Commit();
    }
}
