namespace CecopComms.Mail.Mime;

/// <summary>What the bytes of a part hold, enough to choose a transfer encoding.</summary>
internal readonly record struct ContentAnalysis(int Length, int EightBit, bool HasNul, bool HasBareLineBreak, int LongestLine)
{
    public static ContentAnalysis Of(ReadOnlySpan<byte> data)
    {
        int eightBit = 0, longest = 0, lineStart = 0;
        bool nul = false, bare = false;
        for (var i = 0; i < data.Length; i++)
        {
            var b = data[i];
            if (b >= 128)
            {
                eightBit++;
            }
            else if (b == 0)
            {
                nul = true;
            }
            else if (b == (byte)'\n')
            {
                var end = i > 0 && data[i - 1] == (byte)'\r' ? i - 1 : i;
                if (end == i)
                    bare = true;
                longest = Math.Max(longest, end - lineStart);
                lineStart = i + 1;
            }
            else if (b == (byte)'\r' && (i + 1 == data.Length || data[i + 1] != (byte)'\n'))
            {
                bare = true;
            }
        }
        longest = Math.Max(longest, data.Length - lineStart);
        return new ContentAnalysis(data.Length, eightBit, nul, bare, longest);
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
