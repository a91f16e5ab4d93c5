using System.Numerics;
using System.Runtime.Intrinsics;

namespace CecopComms.Mail.Mime;

/// <summary>What the bytes of a part hold, enough to choose a transfer encoding.</summary>
internal readonly record struct ContentAnalysis(int Length, int EightBit, bool HasNul, bool HasBareLineBreak, int LongestLine)
{
    /// <summary>
    /// Runs on every part of every message that is prepared (each personalised newsletter), so each question
    /// is a vectorised pass: count the 8-bit bytes, look for NUL, then jump from line break to line break.
    /// </summary>
    public static ContentAnalysis Of(ReadOnlySpan<byte> data)
    {
        int longest = 0, lineStart = 0, i = 0;
        var bare = false;
        while (true)
        {
            var next = data[i..].IndexOfAny((byte)'\r', (byte)'\n');
            if (next < 0)
                break;
            var at = i + next;
            if (data[at] == (byte)'\r' && at + 1 < data.Length && data[at + 1] == (byte)'\n')
            {
                longest = Math.Max(longest, at - lineStart);
                lineStart = i = at + 2;
                continue;
            }
            // A bare CR does not end a line; a bare LF does (as readers take it).
            bare = true;
            if (data[at] == (byte)'\n')
            {
                longest = Math.Max(longest, at - lineStart);
                lineStart = at + 1;
            }
            i = at + 1;
        }
        longest = Math.Max(longest, data.Length - lineStart);
        return new ContentAnalysis(data.Length, CountEightBit(data), data.Contains((byte)0), bare, longest);
    }

    private static int CountEightBit(ReadOnlySpan<byte> data)
    {
        var count = 0;
        var i = 0;
        if (Vector128.IsHardwareAccelerated)
        {
            // The top bit of each byte, gathered into a mask: its population count is the number of 8-bit bytes.
            for (; i + Vector128<byte>.Count <= data.Length; i += Vector128<byte>.Count)
                count += BitOperations.PopCount(Vector128.Create(data.Slice(i, Vector128<byte>.Count)).ExtractMostSignificantBits());
        }
        for (; i < data.Length; i++)
        {
            if (data[i] >= 128)
                count++;
        }
        return count;
    }

    /// <summary>
    /// MimeKit's rule: base64 when 17% or more of the bytes are 8-bit or there is a NUL; otherwise
    /// quoted-printable for text the transport cannot carry as it is, else 7bit or 8bit.
    /// </summary>
    public ContentEncoding Best(bool isText, EncodingConstraint constraint, int maxLineLength)
    {
        if (HasNul || (Length > 0 && EightBit * 100L >= Length * 17L))
            return ContentEncoding.Base64;
        var fitsLines = LongestLine <= maxLineLength;
        if (!isText)
            return EightBit == 0 && fitsLines && !HasBareLineBreak ? ContentEncoding.SevenBit : ContentEncoding.Base64;
        if (!fitsLines || (EightBit > 0 && constraint == EncodingConstraint.SevenBit))
            return ContentEncoding.QuotedPrintable;
        return EightBit > 0 ? ContentEncoding.EightBit : ContentEncoding.SevenBit;
    }
}
