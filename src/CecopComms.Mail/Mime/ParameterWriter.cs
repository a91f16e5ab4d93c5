using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>Writes parameters: tokens, quoted strings, or RFC 2231 (<c>name*=utf-8''…</c> with continuations) for non-ASCII and long values.</summary>
internal static class ParameterWriter
{
    private const string Hex = "0123456789ABCDEF";

    public static void Write(HeaderFolder folder, ParameterList parameters)
    {
        foreach (var p in parameters)
        {
            folder.Glue(";");
            var value = p.Value;
            var ascii = Phrase.IsAscii(value);
            // The longest piece that fits a fresh folded line: a space, the piece and a ';'.
            var room = folder.MaxLineLength - 2;
            if (ascii || folder.International)
            {
                // RFC 6532 lets UTF-8 stand in a quoted string when SMTPUTF8 carries the message.
                var simple = MimeToken.IsToken(value) ? p.Name + "=" + value : p.Name + "=" + Phrase.Quote(value);
                if (Encoding.UTF8.GetByteCount(simple) <= room)
                {
                    folder.Token(simple);
                    continue;
                }
                if (ascii)
                {
                    WriteContinuations(folder, p.Name, value, extended: false, room);
                    continue;
                }
            }
            var encoded = "utf-8''" + PercentEncode(value);
            if (p.Name.Length + 2 + encoded.Length <= room)
            {
                folder.Token(p.Name + "*=" + encoded);
                continue;
            }
            WriteContinuations(folder, p.Name, encoded, extended: true, room);
        }
    }

    /// <summary>RFC 2231 §3: <c>name*0*=…; name*1*=…</c>, never cutting a %XX triplet (or a quoted pair).</summary>
    private static void WriteContinuations(HeaderFolder folder, string name, string value, bool extended, int room)
    {
        // Only long or non-ASCII values come here, so the builder is not made for every parameter.
        var sb = new StringBuilder();
        var pos = 0;
        for (var index = 0; pos < value.Length; index++)
        {
            if (index > 0)
                folder.Glue(";");
            sb.Clear().Append(name).Append('*').Append(index);
            sb.Append(extended ? "*=" : "=\"");
            // Room for one whole UTF-8 sequence past the budget, since a piece ends only between characters.
            var budget = room - sb.Length - (extended ? 9 : 1);
            var used = 0;
            while (pos < value.Length)
            {
                var c = value[pos];
                var len = extended && c == '%' ? 3 : !extended && c is '"' or '\\' ? 2 : 1;
                // A piece ends only where a character starts: %80-%BF continue a UTF-8 sequence.
                var startsCharacter = !extended || c != '%' || value[pos + 1] is not ('8' or '9' or 'A' or 'B');
                if (used + len > budget && used > 0 && startsCharacter)
                    break;
                if (!extended && len == 2)
                    sb.Append('\\');
                sb.Append(value, pos, extended ? len : 1);
                pos += extended ? len : 1;
                used += len;
            }
            if (!extended)
                sb.Append('"');
            folder.Token(sb.ToString());
        }
    }

    /// <summary>RFC 2231 attribute-char: everything else is %XX of its UTF-8 bytes.</summary>
    private static string PercentEncode(string value)
    {
        var bytes = Encoding.UTF8.GetBytes(value);
        var sb = new StringBuilder(bytes.Length * 3);
        foreach (var b in bytes)
        {
            var c = (char)b;
            if (b < 128 && (char.IsAsciiLetterOrDigit(c) || "!#$&+-.^_`|~".Contains(c)))
                sb.Append(c);
            else
                sb.Append('%').Append(Hex[b >> 4]).Append(Hex[b & 15]);
        }
        return sb.ToString();
    }
}
