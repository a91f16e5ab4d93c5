using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// Decodes RFC 2047 encoded words in received headers, in any charset the platform knows (legacy code pages
/// included). Adjacent words of one charset are joined before decoding, so a character that a sender split
/// across two words comes back whole; whitespace between encoded words is dropped (§6.2).
/// </summary>
internal static class EncodedWordDecoder
{
    /// <summary>The text with its encoded words decoded; a malformed word or one in an unknown charset stays as written.</summary>
    public static string Decode(string text)
    {
        if (!text.Contains("=?", StringComparison.Ordinal))
            return text;
        var sb = new StringBuilder(text.Length);
        var pending = new List<byte>();
        Encoding? pendingEncoding = null;
        var i = 0;
        var afterWord = false;
        while (i < text.Length)
        {
            var wsStart = i;
            while (i < text.Length && text[i] is ' ' or '\t')
                i++;
            var ws = text[wsStart..i];
            if (i >= text.Length)
            {
                Flush();
                sb.Append(ws);
                break;
            }
            // An encoded word starts a token, or directly follows another one ("=?…?==?…?=").
            if ((ws.Length > 0 || afterWord || i == 0) && TryWord(text, i, out var end, out var encoding, out var bytes))
            {
                if (pendingEncoding is not null && pendingEncoding.WebName != encoding.WebName)
                    Flush();
                if (pendingEncoding is null && !afterWord)
                    sb.Append(ws);
                pendingEncoding = encoding;
                pending.AddRange(bytes);
                i = end;
                afterWord = true;
                continue;
            }
            Flush();
            sb.Append(ws);
            var tokenStart = i;
            while (i < text.Length && text[i] is not (' ' or '\t'))
                i++;
            sb.Append(text, tokenStart, i - tokenStart);
            afterWord = false;
        }
        Flush();
        return sb.ToString();

        void Flush()
        {
            if (pendingEncoding is null)
                return;
            sb.Append(pendingEncoding.GetString(pending.ToArray()));
            pending.Clear();
            pendingEncoding = null;
        }
    }

    /// <summary>Reads <c>=?charset?B|Q?text?=</c> at <paramref name="start"/>.</summary>
    private static bool TryWord(string text, int start, out int end, out Encoding encoding, out byte[] bytes)
    {
        end = 0;
        encoding = Encoding.UTF8;
        bytes = [];
        if (start + 8 > text.Length || text[start] != '=' || text[start + 1] != '?')
            return false;
        var q1 = text.IndexOf('?', start + 2);
        if (q1 < 0 || q1 + 2 >= text.Length || text[q1 + 2] != '?')
            return false;
        var mode = char.ToUpperInvariant(text[q1 + 1]);
        if (mode is not ('B' or 'Q'))
            return false;
        var close = text.IndexOf("?=", q1 + 3, StringComparison.Ordinal);
        if (close < 0)
            return false;
        var payload = text.AsSpan(q1 + 3, close - q1 - 3);
        if (payload.IndexOfAny(' ', '\t') >= 0)
            return false;
        var charset = text.AsSpan(start + 2, q1 - start - 2);
        // RFC 2231 §5 adds a language: charset*lang.
        var star = charset.IndexOf('*');
        if (star >= 0)
            charset = charset[..star];
        if (Charsets.Find(charset.ToString()) is not { } found)
            return false;
        encoding = found;
        if (mode == 'B')
        {
            var ascii = new byte[payload.Length];
            for (var k = 0; k < payload.Length; k++)
                ascii[k] = (byte)payload[k];
            bytes = TransferDecoder.Base64(ascii);
        }
        else
        {
            var list = new List<byte>(payload.Length);
            for (var k = 0; k < payload.Length; k++)
            {
                var c = payload[k];
                if (c == '_')
                    list.Add((byte)' ');
                else if (c == '=' && k + 2 < payload.Length && Uri.IsHexDigit(payload[k + 1]) && Uri.IsHexDigit(payload[k + 2]))
                {
                    list.Add((byte)(Uri.FromHex(payload[k + 1]) << 4 | Uri.FromHex(payload[k + 2])));
                    k += 2;
                }
                else
                    list.Add(c < 256 ? (byte)c : (byte)'?');
            }
            bytes = [.. list];
        }
        end = close + 2;
        return true;
    }
}
