using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>The choice of transfer encoding (MimeKit's 17% rule) and the encoders' output.</summary>
public class TransferEncodingTests
{
    [Theory]
    [InlineData(83, 17, ContentEncoding.Base64)]
    [InlineData(84, 16, ContentEncoding.QuotedPrintable)]
    [InlineData(70, 0, ContentEncoding.SevenBit)]
    public void EightBitShare_DecidesBase64(int ascii, int eightBit, ContentEncoding expected)
    {
        var bytes = Enumerable.Repeat((byte)'a', ascii).Concat(Enumerable.Repeat((byte)0xE9, eightBit)).ToArray();
        var part = new MimePart("text", "plain") { Content = new MimeContent(bytes) };
        Assert.Equal(expected, part.GetBestEncoding(EncodingConstraint.SevenBit));
    }

    [Fact]
    public void Rules_ForConstraintsLinesAndNul()
    {
        static ContentEncoding Best(string text, EncodingConstraint c, string subtype = "plain") =>
            new MimePart("text", subtype) { Content = new MimeContent(Encoding.UTF8.GetBytes(text)) }.GetBestEncoding(c);
        Assert.Equal(ContentEncoding.SevenBit, Best("short\r\nlines\r\n", EncodingConstraint.SevenBit));
        Assert.Equal(ContentEncoding.QuotedPrintable, Best(new string('x', 79), EncodingConstraint.SevenBit));
        Assert.Equal(ContentEncoding.QuotedPrintable, Best(new string('x', 79), EncodingConstraint.EightBit));
        Assert.Equal(ContentEncoding.QuotedPrintable, Best("Les nouveautés de la semaine", EncodingConstraint.SevenBit));
        Assert.Equal(ContentEncoding.EightBit, Best("Les nouveautés de la semaine", EncodingConstraint.EightBit));
        Assert.Equal(ContentEncoding.Base64, Best("Здравейте", EncodingConstraint.EightBit));
        Assert.Equal(ContentEncoding.Base64, Best("nul\0here", EncodingConstraint.None));
        var binary = new MimePart("application", "octet-stream") { Content = new MimeContent([1, 2, 200]) };
        Assert.Equal(ContentEncoding.Base64, binary.GetBestEncoding(EncodingConstraint.EightBit));
    }

    [Fact]
    public void QuotedPrintable_KeepsLinesShort_AndEncodesTrailingWhitespace()
    {
        var text = "trailing   \nequals = sign\n" + new string('é', 60) + "\nend\t";
        var part = new TextPart { Text = text, ContentTransferEncoding = ContentEncoding.QuotedPrintable };
        var written = MessageText.Write(part);
        var body = written[(written.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var lines = body.Split("\r\n");
        Assert.Equal("trailing  =20", lines[0]);
        Assert.Equal("equals =3D sign", lines[1]);
        Assert.All(lines, l => Assert.True(l.Length <= 76, l));
        Assert.EndsWith("end=09", body, StringComparison.Ordinal);
        Assert.StartsWith("=C3=A9", lines[2], StringComparison.Ordinal);
        Assert.EndsWith("=", lines[2], StringComparison.Ordinal);
        Assert.Equal(text.ReplaceLineEndings("\r\n"), DecodeQuotedPrintable(body));
    }

    [Fact]
    public void Base64_Writes76CharacterLines()
    {
        var data = MimeCorpus.Bytes(1000, 9);
        var part = new MimePart("image", "png") { Content = new MimeContent(data), ContentTransferEncoding = ContentEncoding.Base64 };
        var written = MessageText.Write(part);
        var body = written[(written.IndexOf("\r\n\r\n", StringComparison.Ordinal) + 4)..];
        var lines = body.Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        Assert.All(lines[..^1], l => Assert.Equal(76, l.Length));
        Assert.Equal(data, Convert.FromBase64String(string.Concat(lines)));
    }

    [Fact]
    public void Text_IsStoredWithCrlf_AndSevenBitIsWrittenWithCrlf()
    {
        var part = new TextPart { Text = "one\ntwo\rthree\r\nfour" };
        Assert.Equal("one\r\ntwo\r\nthree\r\nfour", part.Text);
        var written = MessageText.Write(part);
        Assert.EndsWith("\r\n\r\none\r\ntwo\r\nthree\r\nfour", written, StringComparison.Ordinal);
        Assert.Contains("Content-Transfer-Encoding: 7bit\r\n", written, StringComparison.Ordinal);
    }

    [Fact]
    public void Prepare_IsIdempotent_AndOnlyTightens()
    {
        var part = new TextPart { Text = "Les nouveautés" };
        part.Prepare(EncodingConstraint.EightBit);
        Assert.Equal(ContentEncoding.EightBit, part.ContentTransferEncoding);
        part.Prepare(EncodingConstraint.EightBit);
        Assert.Equal(ContentEncoding.EightBit, part.ContentTransferEncoding);
        part.Prepare(EncodingConstraint.SevenBit);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        // Quoted-printable is safe for every transport: a looser constraint keeps it, so signed bytes stay.
        part.Prepare(EncodingConstraint.EightBit);
        Assert.Equal(ContentEncoding.QuotedPrintable, part.ContentTransferEncoding);
        part.Text = "plain";
        Assert.Equal(ContentEncoding.Default, part.ContentTransferEncoding);
    }

    [Fact]
    public void Boundary_FoundInContent_IsReplaced()
    {
        var multipart = new Multipart("mixed");
        var boundary = multipart.Boundary;
        multipart.Add(new TextPart { Text = "before\n--" + boundary + "\nafter" });
        multipart.Add(new TextPart { Text = "other" });
        multipart.Prepare(EncodingConstraint.SevenBit);
        Assert.NotEqual(boundary, multipart.Boundary);
        var again = multipart.Boundary;
        multipart.Prepare(EncodingConstraint.SevenBit);
        Assert.Equal(again, multipart.Boundary);
    }

    [Fact]
    public void Boundaries_AreUniqueAndValid()
    {
        var boundaries = Enumerable.Range(0, 1000).Select(_ => MimeUtils.GenerateBoundary()).ToHashSet();
        Assert.Equal(1000, boundaries.Count);
        Assert.All(boundaries, b => Assert.InRange(b.Length, 1, 70));
        Assert.Throws<ArgumentException>(() => new Multipart().Boundary = "bad\"boundary");
    }

    private static string DecodeQuotedPrintable(string body)
    {
        var bytes = new List<byte>();
        var text = body.Replace("=\r\n", "", StringComparison.Ordinal);
        for (var i = 0; i < text.Length; i++)
        {
            if (text[i] == '=')
            {
                bytes.Add(Convert.ToByte(text.Substring(i + 1, 2), 16));
                i += 2;
            }
            else
                bytes.Add((byte)text[i]);
        }
        return Encoding.UTF8.GetString([.. bytes]);
    }
}
