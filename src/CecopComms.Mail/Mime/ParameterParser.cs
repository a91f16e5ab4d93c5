using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// Reads received Content-Type and Content-Disposition values: quoted or plain parameters, comments,
/// RFC 2231 continuations and charsets, and the RFC 2047 words some mailers put in quoted file names.
/// </summary>
internal static class ParameterParser
{
    /// <summary>The content type, or null when the value does not start with a valid type/subtype.</summary>
    public static ContentType? ParseContentType(string value)
    {
        var pos = 0;
        var type = ReadToken(value, ref pos);
        SkipCfws(value, ref pos);
        if (type.Length == 0 || pos >= value.Length || value[pos] != '/')
            return null;
        pos++;
        var subtype = ReadToken(value, ref pos);
        if (subtype.Length == 0)
            return null;
        var result = new ContentType(type.ToLowerInvariant(), subtype.ToLowerInvariant());
        ReadParameters(value, ref pos, result.Parameters);
        return result;
    }

    /// <summary>The disposition, or null when the value does not start with a token.</summary>
    public static ContentDisposition? ParseDisposition(string value)
    {
        var pos = 0;
        var disposition = ReadToken(value, ref pos);
        if (disposition.Length == 0)
            return null;
        var result = new ContentDisposition(disposition.ToLowerInvariant());
        ReadParameters(value, ref pos, result.Parameters);
        return result;
    }

    private sealed record Piece(string Name, int Section, bool Encoded, string Value);

    private static void ReadParameters(string value, ref int pos, ParameterList parameters)
    {
        var pieces = new List<Piece>();
        while (pos < value.Length)
        {
            SkipCfws(value, ref pos);
            if (pos >= value.Length)
                break;
            if (value[pos] != ';')
            {
                // Junk between parameters: skip to the next separator.
                var next = value.IndexOf(';', pos);
                if (next < 0)
                    break;
                pos = next;
            }
            pos++;
            SkipCfws(value, ref pos);
            var name = ReadToken(value, ref pos, stopAtStar: false);
            SkipCfws(value, ref pos);
            if (name.Length == 0 || pos >= value.Length || value[pos] != '=')
                continue;
            pos++;
            SkipCfws(value, ref pos);
            string text;
            var quoted = pos < value.Length && value[pos] == '"';
            if (quoted)
                text = ReadQuoted(value, ref pos);
            else
            {
                var start = pos;
                // Lenient: some mailers leave blanks in unquoted values (name=annual report.pdf).
                while (pos < value.Length && value[pos] != ';')
                    pos++;
                text = value[start..pos].TrimEnd();
                // A trailing comment is not part of the value: "x.pdf (scanned)".
                var comment = text.LastIndexOf(" (", StringComparison.Ordinal);
                if (comment > 0 && text.EndsWith(')'))
                    text = text[..comment].TrimEnd();
            }
            var star = name.IndexOf('*');
            var baseName = star < 0 ? name : name[..star];
            var encoded = name.EndsWith('*');
            var section = -1;
            if (star >= 0)
            {
                var sectionText = name[(star + 1)..].TrimEnd('*');
                if (sectionText.Length > 0 && !int.TryParse(sectionText, System.Globalization.NumberStyles.None, null, out section))
                    continue;
                if (sectionText.Length == 0)
                    section = -1;
            }
            if (!quoted && !encoded)
                text = text.Trim();
            pieces.Add(new Piece(baseName.ToLowerInvariant(), section, encoded, text));
        }
        foreach (var group in pieces.GroupBy(p => p.Name))
        {
            var rfc2231 = group.Where(p => p.Section >= 0 || p.Encoded).OrderBy(p => p.Section).ToList();
            string result;
            if (rfc2231.Count > 0)
                result = Assemble(rfc2231);
            else
            {
                var plain = group.First().Value;
                result = plain.Contains("=?", StringComparison.Ordinal) ? EncodedWordDecoder.Decode(plain) : plain;
            }
            if (!MimeToken.IsToken(group.Key))
                continue;
            parameters[group.Key] = Clean(result);
        }
    }

    /// <summary>Joins RFC 2231 sections: the first encoded one names the charset; encoded sections are percent-decoded bytes.</summary>
    private static string Assemble(List<Piece> sections)
    {
        Encoding? encoding = null;
        var sb = new StringBuilder();
        var bytes = new List<byte>();
        var first = true;
        foreach (var piece in sections)
        {
            var text = piece.Value;
            if (piece.Encoded && first)
            {
                var q1 = text.IndexOf('\'');
                var q2 = q1 < 0 ? -1 : text.IndexOf('\'', q1 + 1);
                if (q2 >= 0)
                {
                    encoding = Charsets.Find(text[..q1]);
                    text = text[(q2 + 1)..];
                }
            }
            first = false;
            if (!piece.Encoded)
            {
                Flush();
                sb.Append(text);
                continue;
            }
            for (var k = 0; k < text.Length; k++)
            {
                if (text[k] == '%' && k + 2 < text.Length && Uri.IsHexDigit(text[k + 1]) && Uri.IsHexDigit(text[k + 2]))
                {
                    bytes.Add((byte)(Uri.FromHex(text[k + 1]) << 4 | Uri.FromHex(text[k + 2])));
                    k += 2;
                }
                else
                    bytes.AddRange(Encoding.UTF8.GetBytes(text[k].ToString()));
            }
        }
        Flush();
        return sb.ToString();

        void Flush()
        {
            if (bytes.Count == 0)
                return;
            var raw = bytes.ToArray();
            sb.Append(encoding is null ? Charsets.DecodeUndeclared(raw) : encoding.GetString(raw));
            bytes.Clear();
        }
    }

    private static string Clean(string value) =>
        value.AsSpan().IndexOfAny('\r', '\n', '\0') < 0 ? value : value.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');

    private static string ReadToken(string value, ref int pos, bool stopAtStar = false)
    {
        SkipCfws(value, ref pos);
        var start = pos;
        while (pos < value.Length && MimeToken.IsTokenChar(value[pos]) && !(stopAtStar && value[pos] == '*'))
            pos++;
        return value[start..pos];
    }

    private static string ReadQuoted(string value, ref int pos)
    {
        var sb = new StringBuilder();
        pos++;
        while (pos < value.Length && value[pos] != '"')
        {
            if (value[pos] == '\\' && pos + 1 < value.Length)
                pos++;
            sb.Append(value[pos]);
            pos++;
        }
        if (pos < value.Length)
            pos++;
        return sb.ToString();
    }

    private static void SkipCfws(string value, ref int pos)
    {
        while (pos < value.Length)
        {
            var c = value[pos];
            if (c is ' ' or '\t')
            {
                pos++;
                continue;
            }
            if (c != '(')
                return;
            // Comments nest (RFC 5322 §3.2.2).
            var depth = 0;
            while (pos < value.Length)
            {
                var d = value[pos++];
                if (d == '\\')
                    pos++;
                else if (d == '(')
                    depth++;
                else if (d == ')' && --depth == 0)
                    break;
            }
        }
    }
}
