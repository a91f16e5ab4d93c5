namespace CecopComms.Mail.Dkim;

/// <summary>The header fields of a written message, located by byte range, and the choice of which to sign.</summary>
internal static class HeaderFields
{
    /// <summary>One field as written: name, colon, folded value and its CRLF.</summary>
    public readonly record struct Field(string Name, Range Range);

    /// <summary>Splits the header block; <paramref name="bodyStart"/> is the offset after the blank line.</summary>
    public static List<Field> Parse(ReadOnlySpan<byte> message, out int bodyStart)
    {
        var fields = new List<Field>();
        var pos = 0;
        while (pos < message.Length)
        {
            var lineEnd = message[pos..].IndexOf("\r\n"u8);
            if (lineEnd == 0)
            {
                bodyStart = pos + 2;
                return fields;
            }
            var start = pos;
            var end = lineEnd < 0 ? message.Length : pos + lineEnd + 2;
            // Continuation lines start with whitespace.
            while (end < message.Length && message[end] is (byte)' ' or (byte)'\t')
            {
                var next = message[end..].IndexOf("\r\n"u8);
                end = next < 0 ? message.Length : end + next + 2;
            }
            var colon = message[start..end].IndexOf((byte)':');
            var name = System.Text.Encoding.ASCII.GetString(message.Slice(start, colon < 0 ? 0 : colon)).TrimEnd();
            fields.Add(new Field(name, start..end));
            pos = end;
        }
        bodyStart = message.Length;
        return fields;
    }

    /// <summary>
    /// For each requested name present, the last instance not yet used (RFC 6376 §5.4.2 takes instances
    /// from the bottom up); each name once, in the order asked.
    /// </summary>
    public static List<Field> SelectForSigning(List<Field> fields, IList<string> names)
    {
        var chosen = new List<Field>();
        var seen = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in names)
        {
            if (!seen.Add(name) || string.Equals(name, "DKIM-Signature", StringComparison.OrdinalIgnoreCase))
                continue;
            for (var i = fields.Count - 1; i >= 0; i--)
            {
                if (string.Equals(fields[i].Name, name, StringComparison.OrdinalIgnoreCase))
                {
                    chosen.Add(fields[i]);
                    break;
                }
            }
        }
        return chosen;
    }
}
