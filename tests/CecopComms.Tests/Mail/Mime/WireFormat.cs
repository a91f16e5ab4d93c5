using System.Text;

namespace CecopComms.Tests.Mail.Mime;

/// <summary>Checks every message must pass on the wire, whatever its content.</summary>
internal static class WireFormat
{
    /// <summary>CRLF only, no line over 998 octets, ASCII only unless international, header lines within 78 unless one unbreakable token.</summary>
    public static void AssertValid(byte[] data, bool international, int headerLimit = 78)
    {
        var lineStart = 0;
        var inHeaders = true;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b == '\r')
            {
                Assert.True(i + 1 < data.Length && data[i + 1] == '\n', $"bare CR at offset {i}");
                continue;
            }
            if (b == '\n')
            {
                Assert.True(i > 0 && data[i - 1] == '\r', $"bare LF at offset {i}");
                var length = i - 1 - lineStart;
                Assert.True(length <= 998, $"line of {length} octets at offset {lineStart}");
                if (inHeaders)
                {
                    if (length == 0)
                        inHeaders = false;
                    else if (length > headerLimit)
                        Assert.True(IsOneToken(Encoding.UTF8.GetString(data, lineStart, length)), $"header line of {length} octets that could fold: {Encoding.UTF8.GetString(data, lineStart, length)}");
                }
                lineStart = i + 1;
                continue;
            }
            if (!international)
                Assert.True(b < 128, $"8-bit byte at offset {i} of a 7-bit message");
        }
        Assert.Equal(data.Length, lineStart);
    }

    /// <summary>A line with no folding point: optional field name, then a single token.</summary>
    private static bool IsOneToken(string line)
    {
        var rest = line.TrimStart(' ', '\t');
        var colon = rest.IndexOf(':');
        if (line == rest && colon > 0)
            rest = rest[(colon + 1)..].TrimStart(' ', '\t');
        return !rest.Contains(' ') && !rest.Contains('\t');
    }
}
