using System.Globalization;
using System.Text;
using CecopComms.Mail.Net;

namespace CecopComms.Mail.Imap;

/// <summary>
/// One server response as received: its lines and the literals that follow lines ending in {n}. Line i is followed by
/// literal i for every i below <see cref="Literals"/>.Count, so a literal can sit anywhere in a response.
/// </summary>
internal sealed class ImapResponse
{
    private ImapResponse(List<byte[]> lines, List<byte[]> literals)
    {
        Lines = lines;
        Literals = literals;
        var first = Encoding.UTF8.GetString(lines[0]);
        var space = first.IndexOf(' ');
        Tag = space < 0 ? first : first[..space];
        Rest = space < 0 ? "" : first[(space + 1)..];
    }

    public List<byte[]> Lines { get; }

    public List<byte[]> Literals { get; }

    /// <summary>"*" untagged, "+" continuation, else the command's tag.</summary>
    public string Tag { get; }

    /// <summary>The first line after the tag.</summary>
    public string Rest { get; }

    public bool IsUntagged => Tag == "*";

    public bool IsContinuation => Tag == "+";

    /// <summary>OK, NO, BAD for a tagged response (or an untagged status), else None.</summary>
    public ImapCommandResponse Status => Word(0).ToUpperInvariant() switch
    {
        "OK" => ImapCommandResponse.Ok,
        "NO" => ImapCommandResponse.No,
        "BAD" => ImapCommandResponse.Bad,
        _ => ImapCommandResponse.None,
    };

    /// <summary>The text after the status word, response code included.</summary>
    public string Text
    {
        get
        {
            var space = Rest.IndexOf(' ');
            return space < 0 ? "" : Rest[(space + 1)..];
        }
    }

    /// <summary>The response code in brackets after the status word, e.g. "UIDVALIDITY 3857529045", or null.</summary>
    public string? Code
    {
        get
        {
            var text = Text;
            if (!text.StartsWith('[')) return null;
            var end = text.IndexOf(']');
            return end < 0 ? null : text[1..end];
        }
    }

    /// <summary>The n-th space-separated word of <see cref="Rest"/>, or "".</summary>
    public string Word(int n)
    {
        var words = Rest.Split(' ', n + 2);
        return words.Length > n ? words[n] : "";
    }

    /// <summary>A number word, e.g. 3 in "* 3 EXISTS".</summary>
    public bool TryNumber(int n, out uint value) =>
        uint.TryParse(Word(n), NumberStyles.None, CultureInfo.InvariantCulture, out value);

    /// <summary>Reads one response, with its literals.</summary>
    /// <exception cref="ImapProtocolException">The stream ended or a literal's size is not a number.</exception>
    /// <exception cref="IOException">Reading failed or timed out.</exception>
    public static async Task<ImapResponse> ReadAsync(ServiceStream stream, CancellationToken cancellationToken)
    {
        var lines = new List<byte[]>();
        var literals = new List<byte[]>();
        while (true)
        {
            var line = (await stream.ReadLineAsync(cancellationToken).ConfigureAwait(false)).ToArray();
            lines.Add(line);
            if (lines.Count == 1 && line.Length == 0) throw new ImapProtocolException("The server sent an empty line where a response was due.");
            var size = LiteralSize(line);
            if (size < 0) return new ImapResponse(lines, literals);
            using var literal = new MemoryStream();
            await stream.ReadExactlyAsync(literal, size, cancellationToken).ConfigureAwait(false);
            literals.Add(literal.ToArray());
        }
    }

    /// <summary>n when the line ends with {n} (a literal follows), else -1.</summary>
    public static long LiteralSize(ReadOnlySpan<byte> line)
    {
        if (line.Length < 3 || line[^1] != '}') return -1;
        var open = line.LastIndexOf((byte)'{');
        if (open < 0) return -1;
        var digits = line[(open + 1)..^1];
        if (digits.Length is 0 or > 10) return -1;
        long size = 0;
        foreach (var b in digits)
        {
            if (b is < (byte)'0' or > (byte)'9') return -1;
            size = size * 10 + (b - '0');
        }
        return size;
    }

    public override string ToString()
    {
        var text = Encoding.UTF8.GetString(Lines[0]);
        return text.Length > 120 ? text[..120] + "…" : text;
    }
}
