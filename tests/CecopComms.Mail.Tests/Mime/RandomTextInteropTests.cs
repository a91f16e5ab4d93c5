using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Random text from many scripts in subjects, names, file names and bodies, read back by Python's email package.</summary>
public class RandomTextInteropTests
{
    private static readonly string[] Alphabets =
    [
        "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789",
        " .,;:!?'\"()<>[]@\\/=_-+*&%$#~^`{}|",
        "àâçéèêëîïôûùüÿœæÀÉÈÇñÑ¿¡ãõÅÄÖåäöșțăîâŞŢšžčćđŠŽČ",
        "αβγδεζηθικλμνξοπρστυφχψωΑΒΓΔΕΖΗΘΙΚΛΜΝΞΟΠΡΣΤΥΦΧΨΩάέήίόύώ",
        "абвгдежзийклмнопрстуфхцчшщъьюяАБВГДЕЖЗИЙКЛМНОПРСТУФХЦЧШЩЪЬЮЯ",
        "ąćęłńóśźżĄĆĘŁŃÓŚŹŻ",
        "日本語のテキスト漢字ひらがなカタカナ中文简体繁體한국어텍스트",
        "مرحبا بالعالم שלום עולם",
    ];

    private static readonly string[] Emoji = ["🎉", "🚀", "👍🏽", "👨‍👩‍👧", "❤️", "🇫🇷", "e\u0301", "\u200d"];

    public static TheoryData<int> Seeds()
    {
        var data = new TheoryData<int>();
        for (var i = 1; i <= 24; i++)
            data.Add(i);
        return data;
    }

    [Theory]
    [MemberData(nameof(Seeds))]
    public async Task RandomText_RoundTrips(int seed)
    {
        var random = new Random(seed);
        var international = seed % 3 == 0;
        var subject = RandomText(random, random.Next(1, 160));
        var name = RandomText(random, random.Next(1, 60));
        var fileName = RandomText(random, random.Next(1, 90)).Replace('/', '-').Replace('\\', '-').Trim() + ".bin";
        var text = RandomText(random, random.Next(0, 3000)) + "\n" + RandomText(random, 200);
        var message = new MimeMessage(TimeProvider.System) { Subject = subject };
        message.From.Add(new MailboxAddress(name, "from@example.org"));
        message.To.Add(new MailboxAddress(null, "to@example.org"));
        var builder = new BodyBuilder { TextBody = text, HtmlBody = "<p>" + text + "</p>" };
        builder.Attachments.Add(fileName, MimeCorpus.Bytes(100, seed));
        message.Body = builder.ToMessageBody();
        var root = await PythonEmail.ReadBackAsync(message, international);
        // Whitespace around a header value is not part of it.
        Assert.Equal(subject.Trim(), root.GetProperty("subject").GetString()!.Trim());
        Assert.Equal(WithoutSpaces(name), WithoutSpaces(root.GetProperty("from")[0].GetProperty("name").GetString()!));
        var parts = root.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(fileName, parts[^1].GetProperty("filename").GetString());
        Assert.Equal(text.ReplaceLineEndings("\n"), parts[2].GetProperty("text").GetString()!.ReplaceLineEndings("\n"));
    }

    private static string RandomText(Random random, int length)
    {
        var sb = new StringBuilder();
        while (sb.Length < length)
        {
            if (random.Next(10) == 0)
            {
                sb.Append(Emoji[random.Next(Emoji.Length)]);
                continue;
            }
            var alphabet = Alphabets[random.Next(Alphabets.Length)];
            var run = random.Next(1, 12);
            for (var i = 0; i < run; i++)
                sb.Append(alphabet[random.Next(alphabet.Length)]);
            if (random.Next(3) == 0)
                sb.Append(' ');
        }
        return sb.ToString();
    }

    /// <summary>
    /// Python 3.11 keeps the whitespace between encoded words of a display name (RFC 2047 §6.2 drops it),
    /// so a long name without spaces, split between two words, reads back with one: names are compared
    /// without whitespace. Subjects, decoded correctly by Python, are compared exactly.
    /// </summary>
    private static string WithoutSpaces(string s) => System.Text.RegularExpressions.Regex.Replace(s, @"\s+", "");
}
