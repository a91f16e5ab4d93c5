namespace CecopComms.Mail.Mime;

/// <summary>Lenient base64 and quoted-printable decoders: what mail in the wild needs, never an exception.</summary>
internal static class TransferDecoder
{
    /// <summary>Decodes base64, skipping line breaks and any other character outside the alphabet; a last incomplete group gives what bytes it can.</summary>
    public static byte[] Base64(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length / 4 * 3 + 3];
        int n = 0, bits = 0, count = 0;
        foreach (var c in input)
        {
            int v;
            if (c is >= (byte)'A' and <= (byte)'Z')
                v = c - 'A';
            else if (c is >= (byte)'a' and <= (byte)'z')
                v = c - 'a' + 26;
            else if (c is >= (byte)'0' and <= (byte)'9')
                v = c - '0' + 52;
            else if (c == '+')
                v = 62;
            else if (c == '/')
                v = 63;
            else if (c == '=')
            {
                // Padding ends the data; what follows a '=' in a valid stream is only more padding.
                break;
            }
            else
                continue;
            bits = (bits << 6) | v;
            if (++count == 4)
            {
                output[n++] = (byte)(bits >> 16);
                output[n++] = (byte)(bits >> 8);
                output[n++] = (byte)bits;
                bits = 0;
                count = 0;
            }
        }
        if (count == 2)
            output[n++] = (byte)(bits >> 4);
        else if (count == 3)
        {
            output[n++] = (byte)(bits >> 10);
            output[n++] = (byte)(bits >> 2);
        }
        return output.AsSpan(0, n).ToArray();
    }

    /// <summary>
    /// Decodes quoted-printable (RFC 2045 §6.7): <c>=XX</c> escapes, soft line breaks, trailing blanks
    /// dropped; an invalid escape is kept as written. Line breaks are kept as they came.
    /// </summary>
    public static byte[] QuotedPrintable(ReadOnlySpan<byte> input)
    {
        var output = new byte[input.Length];
        var n = 0;
        var i = 0;
        while (i < input.Length)
        {
            var lf = input[i..].IndexOf((byte)'\n');
            var lineEnd = lf < 0 ? input.Length : i + lf;
            var contentEnd = lineEnd > i && input[lineEnd - 1] == '\r' ? lineEnd - 1 : lineEnd;
            // Transport may add blanks at line ends; they are never data (§6.7 rule 3).
            while (contentEnd > i && input[contentEnd - 1] is (byte)' ' or (byte)'\t')
                contentEnd--;
            var soft = false;
            for (var k = i; k < contentEnd; k++)
            {
                var b = input[k];
                if (b != '=')
                {
                    output[n++] = b;
                    continue;
                }
                if (k == contentEnd - 1)
                {
                    soft = true;
                    break;
                }
                if (k + 2 < contentEnd && Hex(input[k + 1]) is var hi and >= 0 && Hex(input[k + 2]) is var lo and >= 0)
                {
                    output[n++] = (byte)(hi << 4 | lo);
                    k += 2;
                }
                else
                    output[n++] = b;
            }
            if (lf < 0)
                break;
            if (!soft)
            {
                if (lineEnd > i && input[lineEnd - 1] == '\r')
                    output[n++] = (byte)'\r';
                output[n++] = (byte)'\n';
            }
            i = lineEnd + 1;
        }
        return output.AsSpan(0, n).ToArray();
    }

    private static int Hex(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        _ => -1,
    };
}
