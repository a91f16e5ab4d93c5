using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>Reads one block of RFC 5322 header fields from bytes, LF or CRLF line ends, folded lines joined.</summary>
internal static class HeaderBlockReader
{
    /// <summary>
    /// Reads fields from <paramref name="start"/> until a blank line (consumed) or a line that is not a field
    /// (left for the body, as Python and MimeKit do); returns where the body starts.
    /// </summary>
    public static int Read(ReadOnlySpan<byte> data, int start, int end, List<RawHeader> headers)
    {
        var pos = start;
        string? field = null;
        var value = new List<(int Start, int End)>();
        while (pos < end)
        {
            var lf = data[pos..end].IndexOf((byte)'\n');
            var next = lf < 0 ? end : pos + lf + 1;
            var lineEnd = lf < 0 ? end : pos + lf;
            if (lineEnd > pos && data[lineEnd - 1] == '\r')
                lineEnd--;
            var line = data[pos..lineEnd];
            if (line.IsEmpty)
            {
                pos = next;
                break;
            }
            if (line[0] is (byte)' ' or (byte)'\t')
            {
                // A continuation before any field has nothing to continue: dropped, as Python does.
                if (field is not null)
                    value.Add((pos, lineEnd));
                pos = next;
                continue;
            }
            var name = FieldName(line);
            if (name is null)
                break;
            Flush(data);
            field = name;
            var colon = line.IndexOf((byte)':');
            var valueStart = pos + colon + 1;
            while (valueStart < lineEnd && data[valueStart] is (byte)' ' or (byte)'\t')
                valueStart++;
            value.Add((valueStart, lineEnd));
            pos = next;
        }
        Flush(data);
        return pos;

        void Flush(ReadOnlySpan<byte> data)
        {
            if (field is null)
                return;
            var length = 0;
            foreach (var (s, e) in value)
                length += e - s;
            var bytes = new byte[length];
            var n = 0;
            foreach (var (s, e) in value)
            {
                data[s..e].CopyTo(bytes.AsSpan(n));
                n += e - s;
            }
            var text = Charsets.DecodeUndeclared(bytes).TrimEnd(' ', '\t');
            if (text.Contains('\0') || text.Contains('\r'))
                text = text.Replace('\0', ' ').Replace('\r', ' ');
            headers.Add(new RawHeader(field, text));
            field = null;
            value.Clear();
        }
    }

    /// <summary>The field name when the line is <c>name:</c> (blanks before the colon allowed, RFC 5322 §4.5.8), else null.</summary>
    public static string? FieldName(ReadOnlySpan<byte> line)
    {
        var colon = line.IndexOf((byte)':');
        if (colon <= 0)
            return null;
        var nameEnd = colon;
        while (nameEnd > 0 && line[nameEnd - 1] is (byte)' ' or (byte)'\t')
            nameEnd--;
        if (nameEnd == 0)
            return null;
        foreach (var b in line[..nameEnd])
        {
            if (b <= ' ' || b >= 127)
                return null;
        }
        return Encoding.ASCII.GetString(line[..nameEnd]);
    }

    /// <summary>Reads every block of <paramref name="data"/>, blocks separated by blank lines (RFC 3464 status groups).</summary>
    public static List<HeaderList> ReadGroups(ReadOnlySpan<byte> data)
    {
        var groups = new List<HeaderList>();
        var pos = 0;
        while (pos < data.Length)
        {
            // Blank lines (and stray non-field lines) between groups are skipped.
            var lf = data[pos..].IndexOf((byte)'\n');
            var next = lf < 0 ? data.Length : pos + lf + 1;
            var line = data[pos..(lf < 0 ? data.Length : pos + lf)].TrimEnd((byte)'\r');
            if (line.IsEmpty || FieldName(line) is null)
            {
                pos = next;
                continue;
            }
            var raw = new List<RawHeader>();
            pos = Read(data, pos, data.Length, raw);
            var list = new HeaderList();
            foreach (var h in raw)
                list.Add(h.Field, h.Decoded);
            groups.Add(list);
        }
        return groups;
    }
}
