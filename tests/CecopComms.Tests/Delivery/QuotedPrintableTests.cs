using System.Text;
using CecopComms.Mail;
using MimeKit.Encodings;
using Xunit;

namespace CecopComms.Tests.Delivery;

public class QuotedPrintableTests
{
    [Fact]
    public void Random_text_comes_back_through_MimeKits_decoder_in_lines_of_at_most_76_without_trailing_blanks()
    {
        var random = new Random(7);
        const string awkward = "ab =\t\n.é€\u0001x  \n\n~=";
        for (var round = 0; round < 20_000; round++)
        {
            var text = new StringBuilder();
            for (var k = random.Next(0, 300); k > 0; k--)
                text.Append(random.Next(4) == 0 ? awkward[random.Next(awkward.Length)] : (char)random.Next(32, 127));
            var input = Encoding.UTF8.GetBytes(text.ToString());
            var encoded = new byte[QuotedPrintable.MaxEncodedLength(input.Length)];
            var length = QuotedPrintable.Encode(input, encoded);

            var decoder = new QuotedPrintableDecoder();
            var decoded = new byte[decoder.EstimateOutputLength(length)];
            Assert.Equal(input, decoded.AsSpan(0, decoder.Decode(encoded, 0, length, decoded)).ToArray());
            foreach (var line in Encoding.ASCII.GetString(encoded, 0, length).Split('\n'))
            {
                Assert.True(line.Length <= 76, line);
                Assert.False(line.EndsWith(' ') || line.EndsWith('\t'), line);
                Assert.DoesNotContain(line, c => c > 126 || (c < 32 && c != '\t'));
            }
        }
    }

    [Fact]
    public void A_blank_before_a_line_end_or_at_the_end_is_escaped_and_others_stay()
    {
        var input = "a b \nc\t"u8.ToArray();
        var encoded = new byte[QuotedPrintable.MaxEncodedLength(input.Length)];
        Assert.Equal("a b=20\nc=09", Encoding.ASCII.GetString(encoded, 0, QuotedPrintable.Encode(input, encoded)));
    }
}
