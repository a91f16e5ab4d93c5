using System.Buffers;

namespace CecopComms.Mail.Mime;

/// <summary>
/// The output side of quoted-printable (RFC 2045 §6.7): tracks the column, inserts soft line breaks, and
/// writes straight into <see cref="MimeOutput"/>'s buffer, which is committed once at the end.
/// </summary>
internal ref struct QuotedPrintableWriter
{
    /// <summary>RFC 2045: encoded lines of at most 76 characters.</summary>
    private const int Line = 76;

    /// <summary>Room for one escape, a soft break and a line break.</summary>
    private const int Reserve = 3 + 1 + 2;

    /// <summary>
    /// Bytes that may not simply be copied: controls (CR and LF among them), '=', DEL and 8-bit bytes.
    /// Space and tab are in a run too; only before a line end must they be encoded, and the caller hands
    /// a run's last byte to <see cref="Byte"/> when a line end follows.
    /// </summary>
    public static readonly SearchValues<byte> NotLiteral = SearchValues.Create(
        [.. Enumerable.Range(0, 256).Where(b => !((b is >= 32 and <= 126 && b != '=') || b == '\t')).Select(b => (byte)b)]);

    /// <summary>Bytes escaped wherever they stand in text: <see cref="NotLiteral"/> but for CR and LF, which are line breaks there.</summary>
    public static readonly SearchValues<byte> EscapedInText = SearchValues.Create(
        [.. Enumerable.Range(0, 256).Where(b => !((b is >= 32 and <= 126 && b != '=') || b is '\t' or '\r' or '\n')).Select(b => (byte)b)]);

    private static ReadOnlySpan<byte> Hex => "0123456789ABCDEF"u8;

    private readonly MimeOutput output;
    private readonly ReadOnlySpan<byte> newLine;
    private Span<byte> span;
    private int n;
    private int column;

    public QuotedPrintableWriter(MimeOutput output)
    {
        this.output = output;
        newLine = output.NewLineBytes;
        span = output.GetSpan(1024);
    }

    /// <summary>Copies bytes that stand for themselves, none of them at a line end: a soft break after every 75.</summary>
    public void Literals(ReadOnlySpan<byte> literals)
    {
        while (literals.Length > 0)
        {
            Ensure(Line + Reserve);
            // A literal that does not end the line must leave room for the '=' of a soft break.
            if (column >= Line - 1)
                SoftBreak();
            var count = Math.Min(literals.Length, Line - 1 - column);
            literals[..count].CopyTo(span[n..]);
            n += count;
            column += count;
            literals = literals[count..];
        }
    }

    /// <summary>Escapes bytes that are always escaped, none of them at a line end: a soft break before an escape that would pass column 75.</summary>
    public void Escapes(ReadOnlySpan<byte> escaped)
    {
        foreach (var b in escaped)
        {
            Ensure(Reserve);
            if (column + 3 > Line - 1)
                SoftBreak();
            span[n] = (byte)'=';
            span[n + 1] = Hex[b >> 4];
            span[n + 2] = Hex[b & 15];
            n += 3;
            column += 3;
        }
    }

    /// <summary>Writes <c>data[i]</c> by the general rule (a line break in text, a literal or an escape); returns the index of the next byte.</summary>
    public int Byte(ReadOnlySpan<byte> data, int i, bool isText)
    {
        Ensure(Reserve);
        var b = data[i];
        if (isText && b is (byte)'\r' or (byte)'\n')
        {
            if (b == (byte)'\r' && i + 1 < data.Length && data[i + 1] == (byte)'\n')
                i++;
            NewLine();
            return i + 1;
        }
        var atLineEnd = i + 1 == data.Length || (isText && data[i + 1] is (byte)'\r' or (byte)'\n');
        var literal = (b >= 33 && b <= 126 && b != (byte)'=') || ((b == (byte)' ' || b == (byte)'\t') && !atLineEnd);
        var len = literal ? 1 : 3;
        // Leave room for the '=' of a soft break unless this token ends the line anyway.
        if (column + len > (atLineEnd ? Line : Line - 1))
            SoftBreak();
        if (literal)
        {
            span[n++] = b;
        }
        else
        {
            span[n++] = (byte)'=';
            span[n++] = Hex[b >> 4];
            span[n++] = Hex[b & 15];
        }
        column += len;
        return i + 1;
    }

    public readonly void Commit() => output.Advance(n);

    private void SoftBreak()
    {
        span[n++] = (byte)'=';
        NewLine();
    }

    private void NewLine()
    {
        newLine.CopyTo(span[n..]);
        n += newLine.Length;
        column = 0;
    }

    /// <summary>Commits what is written and takes a fresh span when fewer than <paramref name="size"/> bytes are left.</summary>
    private void Ensure(int size)
    {
        if (span.Length - n >= size)
            return;
        output.Advance(n);
        span = output.GetSpan(Math.Max(size, 1024));
        n = 0;
    }
}
