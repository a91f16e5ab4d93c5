using System.Buffers;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>RFC 2047 encoded words: UTF-8, B or Q chosen per word by length, never splitting a character.</summary>
internal static class EncodedWords
{
    /// <summary>"=?utf-8?q?" plus "?=".</summary>
    private const int Overhead = 12;

    /// <summary>RFC 2047 caps an encoded word at 75 characters.</summary>
    public const int MaxWordLength = 75;

    /// <summary>The shortest useful budget: one 4-byte character in B encoding.</summary>
    public const int MinWordLength = Overhead + 12;

    /// <summary>Q characters written as themselves: the set RFC 2047 §5(3) allows even inside a phrase, so one rule serves every header.</summary>
    private static bool IsQSafe(byte b) => b < 128 && (char.IsAsciiLetterOrDigit((char)b) || b is (byte)'!' or (byte)'*' or (byte)'+' or (byte)'-' or (byte)'/');

    private static int QCost(byte b) => b == (byte)' ' || IsQSafe(b) ? 1 : 3;

    private static int BLength(int bytes) => (bytes + 2) / 3 * 4;

    /// <summary>
    /// Encodes the longest prefix of <paramref name="text"/> from <paramref name="start"/> that fits in
    /// <paramref name="budget"/> characters as one encoded word; returns the index after it.
    /// </summary>
    public static int EncodeNext(string text, int start, int budget, StringBuilder word)
    {
        var payload = Math.Max(budget, MinWordLength) - Overhead;
        int bytes = 0, qCost = 0, qEnd = start, bEnd = start, i = start;
        Span<byte> utf8 = stackalloc byte[4];
        while (i < text.Length)
        {
            var status = Rune.DecodeFromUtf16(text.AsSpan(i), out var rune, out var used);
            if (status != OperationStatus.Done)
                rune = Rune.ReplacementChar;
            var n = rune.EncodeToUtf8(utf8);
            var cost = 0;
            for (var k = 0; k < n; k++)
                cost += QCost(utf8[k]);
            var qFits = qCost + cost <= payload;
            var bFits = BLength(bytes + n) <= payload;
            if (!qFits && !bFits)
                break;
            bytes += n;
            qCost += cost;
            i += used;
            if (qFits)
                qEnd = i;
            if (bFits)
                bEnd = i;
        }
        if (qEnd == start && bEnd == start)
        {
            // Not even one character fits: take it anyway in B, the line stays far below 998.
            bEnd = start + (char.IsHighSurrogate(text[start]) && start + 1 < text.Length ? 2 : 1);
        }
        var end = Math.Max(qEnd, bEnd);

        if (end < text.Length)
        {
            // Prefer to end a word just after a space: readers that keep the whitespace between encoded
            // words (Python 3.11 in display names) then show at worst a doubled space, not a split word.
            var space = text.LastIndexOf(' ', end - 1, end - start);
            if (space >= start + (end - start) / 3)
                end = space + 1;
        }
        var chunk = text.AsSpan(start, end - start);
        var byteCount = Encoding.UTF8.GetByteCount(chunk);
        // Whichever of Q and B is shorter for this word.
        var useQ = QLength(chunk) <= BLength(byteCount);
        var raw = ArrayPool<byte>.Shared.Rent(byteCount);
        Encoding.UTF8.GetBytes(chunk, raw);
        word.Append(useQ ? "=?utf-8?q?" : "=?utf-8?b?");
        if (useQ)
        {
            for (var k = 0; k < byteCount; k++)
            {
                var b = raw[k];
                if (b == (byte)' ')
                    word.Append('_');
                else if (IsQSafe(b))
                    word.Append((char)b);
                else
                    word.Append('=').Append(Hex[b >> 4]).Append(Hex[b & 15]);
            }
        }
        else
        {
            word.Append(Convert.ToBase64String(raw, 0, byteCount));
        }
        ArrayPool<byte>.Shared.Return(raw);
        word.Append("?=");
        return end;
    }

    private static int QLength(ReadOnlySpan<char> chunk)
    {
        Span<byte> utf8 = stackalloc byte[4];
        var cost = 0;
        foreach (var rune in chunk.EnumerateRunes())
        {
            var n = rune.EncodeToUtf8(utf8);
            for (var k = 0; k < n; k++)
                cost += QCost(utf8[k]);
        }
        return cost;
    }

    private const string Hex = "0123456789ABCDEF";
}
