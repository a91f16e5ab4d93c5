using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// Writes one header as tokens, folding at whitespace before a token that would pass the line length.
/// Columns are counted in UTF-8 bytes, so the 998-octet limit holds for raw UTF-8 headers too.
/// </summary>
internal sealed class HeaderFolder
{
    /// <summary>RFC 5322 §2.1.1: no line longer than 998 octets, CRLF excluded.</summary>
    public const int HardLimit = 998;

    /// <summary>Structured tokens longer than this are split, leaving room for the field name and a fold.</summary>
    private const int LongestToken = 900;

    private readonly MimeOutput output;
    /// <summary>For encoded words only; made on first use, as most headers need none.</summary>
    private StringBuilder? scratch;
    private int column;
    private bool lineHasContent;

    public HeaderFolder(MimeOutput output)
    {
        this.output = output;
        MaxLineLength = Math.Clamp(output.Options.MaxLineLength, 40, HardLimit);
    }

    public int MaxLineLength { get; }

    public FormatOptions Options => output.Options;

    public bool International => output.Options.International;

    public void Begin(string field)
    {
        output.WriteText(field);
        output.WriteByte((byte)':');
        column = field.Length + 1;
        lineHasContent = false;
    }

    public void End()
    {
        output.NewLine();
        column = 0;
    }

    /// <summary>A token after whitespace: the folding point.</summary>
    public void Token(ReadOnlySpan<char> whitespace, ReadOnlySpan<char> token)
    {
        var need = whitespace.Length + Encoding.UTF8.GetByteCount(token);
        if (lineHasContent && column + need > MaxLineLength)
        {
            output.NewLine();
            column = 0;
        }
        output.WriteText(whitespace);
        output.WriteText(token);
        column += need;
        lineHasContent = true;
    }

    public void Token(ReadOnlySpan<char> token) => Token(" ", token);

    /// <summary>A token written right after the previous one: no folding point (commas, colons).</summary>
    public void Glue(string token)
    {
        output.WriteText(token);
        column += Encoding.UTF8.GetByteCount(token);
    }

    /// <summary>A display name: atoms as they are, a quoted string when specials appear, encoded words for non-ASCII without SMTPUTF8.</summary>
    public void WritePhrase(string phrase)
    {
        if (phrase.Length == 0)
            return;
        // A quoted "=?…?=" would still be taken for an encoded word by lenient readers (Python flags it), so it is encoded.
        if (phrase.Contains("=?", StringComparison.Ordinal) || (!International && !Phrase.IsAscii(phrase)))
        {
            WriteEncoded(" ", phrase);
            return;
        }
        var text = Phrase.IsPlainWords(phrase) ? phrase : Phrase.Quote(phrase);
        WriteWords(text, false);
    }

    /// <summary>Free text such as Subject: words kept where they can be, encoded words where they must.</summary>
    public void WriteUnstructured(string value)
    {
        // Trailing whitespace is insignificant in an unstructured field; the word loop drops it.
        var i = 0;
        while (TryNextWord(value, ref i, out var ws, out var start))
        {
            if (!NeedsEncoding(value.AsSpan(start, i - start)))
            {
                Token(ws, value.AsSpan(start, i - start));
                continue;
            }
            // Following words that also need encoding join the run: the whitespace between them travels inside the encoded text.
            var runEnd = i;
            while (TryNextWord(value, ref i, out _, out var next) && NeedsEncoding(value.AsSpan(next, i - next)))
                runEnd = i;
            WriteEncoded(ws, value[start..runEnd]);
            i = runEnd;
        }
    }

    /// <summary>A structured value (Message-Id, List-Unsubscribe, Content-Type): fold at whitespace only; a token too long for any line is split as a last resort.</summary>
    public void WriteStructured(string value) => WriteWords(value, true);

    private void WriteWords(string value, bool splitLong)
    {
        var i = 0;
        while (TryNextWord(value, ref i, out var ws, out var start))
        {
            var token = value.AsSpan(start, i - start);
            if (!International && !Phrase.IsAscii(token))
            {
                // Without SMTPUTF8 a non-ASCII word can only travel as an encoded word (a List-Id phrase, say).
                WriteEncoded(ws, token.ToString());
                continue;
            }
            while (splitLong && token.Length > LongestToken)
            {
                // RFC 2369 asks readers to ignore whitespace inside <…>; a fold is the only way under 998 octets.
                Token(ws, token[..LongestToken]);
                token = token[LongestToken..];
                ws = " ";
            }
            Token(ws, token);
        }
    }

    /// <summary>Moves <paramref name="i"/> past the next word; false when only whitespace is left.</summary>
    private static bool TryNextWord(string value, ref int i, out string whitespace, out int wordStart)
    {
        var wsStart = i;
        while (i < value.Length && value[i] is ' ' or '\t')
            i++;
        wordStart = i;
        while (i < value.Length && value[i] is not (' ' or '\t'))
            i++;
        whitespace = Whitespace(value, wsStart, wordStart);
        return wordStart < i;
    }

    /// <summary>The whitespace before a word; a value that starts with a word still gets the space after the colon.</summary>
    private static string Whitespace(string value, int start, int end) =>
        start == end ? " " : end - start == 1 && value[start] == ' ' ? " " : value[start..end];

    private bool NeedsEncoding(ReadOnlySpan<char> word) =>
        (!International && !Phrase.IsAscii(word))
        || word.StartsWith("=?", StringComparison.Ordinal)
        || Encoding.UTF8.GetByteCount(word) > MaxLineLength - 2;

    /// <summary>Writes <paramref name="text"/> as a run of encoded words; whitespace between them is a folding point decoders drop.</summary>
    private void WriteEncoded(string whitespace, string text)
    {
        var pos = 0;
        var ws = whitespace.Length == 0 ? " " : whitespace;
        while (pos < text.Length)
        {
            var budget = MaxLineLength - column - ws.Length;
            if (lineHasContent && budget < EncodedWords.MinWordLength)
                budget = MaxLineLength - ws.Length;
            budget = Math.Min(budget, EncodedWords.MaxWordLength);
            scratch ??= new StringBuilder();
            scratch.Clear();
            pos = EncodedWords.EncodeNext(text, pos, budget, scratch);
            Token(ws, scratch.ToString());
            ws = " ";
        }
    }
}
