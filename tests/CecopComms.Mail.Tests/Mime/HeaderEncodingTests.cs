using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>RFC 2047 encoded words, folding at 78 columns and the 998-octet limit.</summary>
public class HeaderEncodingTests
{
    [Fact]
    public void AsciiSubject_IsWrittenAsIs()
    {
        var text = MessageText.Write(MessageText.Simple("Weekly digest #42: what's new"));
        Assert.Equal(["Subject: Weekly digest #42: what's new"], MessageText.HeaderLines(text, "Subject"));
    }

    [Fact]
    public void LatinSubject_UsesQ_AndCyrillicUsesB()
    {
        var latin = MessageText.HeaderLines(MessageText.Write(MessageText.Simple("Les nouveautés")), "Subject");
        Assert.Equal(["Subject: Les =?utf-8?q?nouveaut=C3=A9s?="], latin);
        // For a short word B can win: "Caf=C3=A9" is longer than "Q2Fmw6k=".
        var cafe = MessageText.HeaderLines(MessageText.Write(MessageText.Simple("Café")), "Subject");
        Assert.Equal(["Subject: =?utf-8?b?Q2Fmw6k=?="], cafe);
        var cyrillic = MessageText.HeaderLines(MessageText.Write(MessageText.Simple("Здравейте")), "Subject");
        Assert.Equal(["Subject: =?utf-8?b?0JfQtNGA0LDQstC10LnRgtC1?="], cyrillic);
    }

    [Theory]
    [InlineData("Les nouveautés de la semaine : été, café et crème brûlée, et encore des nouveautés pour l'été")]
    [InlineData("今週のニュースレター：新製品のお知らせと季節のご挨拶、そしてさらに多くのニュースをお届けします")]
    [InlineData("🎉 Big sale 🚀 today only 👍🏽 family 👨‍👩‍👧 and 🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉🎉")]
    [InlineData("Zażółć gęślą jaźń Zażółć gęślą jaźń Zażółć gęślą jaźń Zażółć gęślą jaźń Zażółć gęślą jaźń")]
    public void EncodedWords_AreShort_WholeCharacters_AndFolded(string subject)
    {
        var lines = MessageText.HeaderLines(MessageText.Write(MessageText.Simple(subject)), "Subject");
        Assert.True(lines.Length > 1);
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        var words = lines.SelectMany(MessageText.EncodedWords).ToList();
        Assert.All(words, w => Assert.True(w.Length <= 75, w));
        // Every word decodes on its own to valid UTF-8: no character is split between words.
        var strict = new UTF8Encoding(false, throwOnInvalidBytes: true);
        foreach (var word in words)
            _ = strict.GetString(word[8] == 'b' ? Convert.FromBase64String(word[10..^2]) : DecodeQ(word[10..^2]));
        Assert.Equal(subject, Unfold(lines));
    }

    [Fact]
    public void EncodedWordChoice_IsTheShorterOfBAndQ()
    {
        var lines = MessageText.HeaderLines(MessageText.Write(MessageText.Simple("Ελληνικά και ελληνικά")), "Subject");
        foreach (var word in lines.SelectMany(MessageText.EncodedWords))
        {
            var bytes = word[8] == 'b' ? Convert.FromBase64String(word[10..^2]) : DecodeQ(word[10..^2]);
            var q = bytes.Sum(b => b == ' ' || char.IsAsciiLetterOrDigit((char)b) ? 1 : 3);
            var b64 = (bytes.Length + 2) / 3 * 4;
            Assert.Equal(word[8] == 'q' ? q : b64, Math.Min(q, b64));
        }
    }

    [Fact]
    public void LongUnbreakableWord_IsEncodedUnderTheLineLimit()
    {
        var word = "https://example.org/" + new string('a', 2000);
        var text = MessageText.Write(MessageText.Simple("Link " + word));
        var lines = MessageText.HeaderLines(text, "Subject");
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        Assert.Equal("Link " + word, Unfold(lines));
    }

    [Fact]
    public void LongStructuredToken_IsSplitUnder998()
    {
        var message = MessageText.Simple();
        message.Headers.Add("List-Unsubscribe", "<https://example.org/u/" + new string('k', 2500) + ">");
        var lines = MessageText.HeaderLines(MessageText.Write(message), "List-Unsubscribe");
        Assert.True(lines.Length >= 3);
        Assert.All(lines, l => Assert.True(Encoding.UTF8.GetByteCount(l) <= 998));
    }

    [Fact]
    public void AsciiWords_FoldAtWhitespaceWithin78Columns()
    {
        var subject = string.Join(' ', Enumerable.Repeat("newsletter", 30));
        var lines = MessageText.HeaderLines(MessageText.Write(MessageText.Simple(subject)), "Subject");
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        Assert.All(lines.Skip(1), l => Assert.StartsWith(" ", l, StringComparison.Ordinal));
        Assert.Equal("Subject: " + subject, string.Concat(lines));
    }

    [Fact]
    public void International_WritesRawUtf8()
    {
        var message = MessageText.Simple("Café au lait 🎉");
        message.From.Clear();
        message.From.Add(new MailboxAddress("Amélie", "amélie@bücher.example"));
        var text = MessageText.Write(message, new FormatOptions { International = true });
        Assert.Equal(["Subject: Café au lait 🎉"], MessageText.HeaderLines(text, "Subject"));
        Assert.Equal(["From: Amélie <amélie@bücher.example>"], MessageText.HeaderLines(text, "From"));
    }

    [Fact]
    public void SevenBit_WritesPunycodeDomainsAndEncodedNames()
    {
        var message = MessageText.Simple();
        message.To.Clear();
        message.To.Add(new MailboxAddress("Bücher", "info@bücher.example"));
        message.To.Add(new MailboxAddress("Doe, John", "john@example.org"));
        var text = MessageText.Write(message);
        Assert.Equal(["To: =?utf-8?q?B=C3=BCcher?= <info@xn--bcher-kva.example>, \"Doe, John\"", " <john@example.org>"], MessageText.HeaderLines(text, "To"));
    }

    [Fact]
    public void NonAsciiFileName_UsesRfc2231_WithContinuationsWhenLong()
    {
        var part = new MimePart("application", "pdf") { Content = new MimeContent([1, 2, 3]), FileName = "été.pdf" };
        var text = MessageText.Write(part);
        Assert.Contains("Content-Disposition: attachment; filename*=utf-8''%C3%A9t%C3%A9.pdf\r\n", text, StringComparison.Ordinal);
        Assert.Contains("Content-Type: application/pdf; name*=utf-8''%C3%A9t%C3%A9.pdf\r\n", text, StringComparison.Ordinal);

        part.FileName = string.Concat(Enumerable.Repeat("отчёт", 10)) + ".xlsx";
        var lines = MessageText.HeaderLines(MessageText.Write(part), "Content-Disposition");
        Assert.Equal("Content-Disposition: attachment;", lines[0]);
        Assert.StartsWith(" filename*0*=utf-8''%D0%BE", lines[1], StringComparison.Ordinal);
        Assert.StartsWith(" filename*1*=%", lines[2], StringComparison.Ordinal);
        Assert.All(lines, l => Assert.True(l.Length <= 78, l));
        // A piece never starts inside a UTF-8 sequence (%80-%BF continue one).
        Assert.All(lines.Skip(2), l => Assert.DoesNotMatch(@"^ filename\*\d+\*=%[89AB]", l));
    }

    /// <summary>The decoded value of a folded header (RFC 2047 §6.2: whitespace between encoded words dropped).</summary>
    private static string Unfold(string[] lines)
    {
        var value = string.Concat(lines);
        return EncodedWordDecoder.Decode(value[(value.IndexOf(':') + 2)..]);
    }

    private static byte[] DecodeQ(string payload)
    {
        var bytes = new List<byte>();
        for (var i = 0; i < payload.Length; i++)
        {
            if (payload[i] == '_')
                bytes.Add((byte)' ');
            else if (payload[i] == '=')
            {
                bytes.Add(Convert.ToByte(payload.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                bytes.Add((byte)payload[i]);
        }
        return [.. bytes];
    }
}
