using System.Text;
using System.Text.Json;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Every corpus message, written by us and read by Python's email package: no defects, every value back.</summary>
public class PythonEmailInteropTests
{
    public static TheoryData<string> Cases() => MimeCorpus.Names();

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task SevenBitMessage_ParsesWithoutDefects_AndRoundTrips(string name) => await RoundTrip(name, international: false);

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task InternationalMessage_ParsesWithoutDefects_AndRoundTrips(string name) => await RoundTrip(name, international: true);

    private static async Task RoundTrip(string name, bool international)
    {
        var message = MimeCorpus.Build(name);
        var root = await PythonEmail.ReadBackAsync(message, international, name);
        Assert.Equal(message.Subject, root.GetProperty("subject").GetString());
        Assert.Equal("<" + message.MessageId + ">", root.GetProperty("message_id").GetString());
        AssertAddresses(message.From, root, "from", international);
        AssertAddresses(message.To, root, "to", international);
        if (message.Cc.Count > 0)
            AssertAddresses(message.Cc, root, "cc", international);
        if (message.ReplyTo.Count > 0)
            AssertAddresses(message.ReplyTo, root, "reply-to", international);

        var ours = Walk(message.Body!).ToList();
        var theirs = root.GetProperty("parts").EnumerateArray().ToList();
        Assert.Equal(ours.Count, theirs.Count);
        for (var i = 0; i < ours.Count; i++)
        {
            var entity = ours[i];
            var part = theirs[i];
            Assert.Equal(entity.ContentType.MimeType, part.GetProperty("content_type").GetString());
            Assert.Equal(entity.ContentId is null ? null : "<" + entity.ContentId + ">", part.GetProperty("content_id").GetString());
            if (entity is MimePart leaf)
                Assert.Equal(leaf.FileName, part.GetProperty("filename").GetString());
            if (entity is TextPart text)
                Assert.Equal(Lf(text.Text) + (entity == message.Body && !text.Text.EndsWith('\n') ? "\n" : ""), Lf(part.GetProperty("text").GetString()!));
            else if (entity is MimePart mimePart)
                Assert.Equal(Convert.ToHexStringLower(Normalize(mimePart)), Convert.ToHexStringLower(NormalizeIfText(mimePart, Convert.FromHexString(part.GetProperty("bytes_hex").GetString()!))));
        }
    }

    private static void AssertAddresses(InternetAddressList list, JsonElement root, string field, bool international)
    {
        var parsed = root.GetProperty(field).EnumerateArray().ToList();
        var mailboxes = list.Mailboxes.ToList();
        Assert.Equal(mailboxes.Count, parsed.Count);
        for (var i = 0; i < mailboxes.Count; i++)
        {
            Assert.Equal(Collapse(mailboxes[i].Name ?? ""), Collapse(parsed[i].GetProperty("name").GetString()!));
            Assert.Equal(mailboxes[i].GetAddress(!international), parsed[i].GetProperty("address").GetString());
        }
    }

    private static IEnumerable<MimeEntity> Walk(MimeEntity entity)
    {
        yield return entity;
        if (entity is Multipart multipart)
        {
            foreach (var child in multipart)
            {
                foreach (var e in Walk(child))
                    yield return e;
            }
        }
    }

    /// <summary>
    /// Python 3.11 keeps the whitespace between two encoded words of a display name (RFC 2047 §6.2 says
    /// to drop it), so a long name split after a space reads back with that space doubled.
    /// </summary>
    private static string Collapse(string s) => System.Text.RegularExpressions.Regex.Replace(s, " +", " ");

    /// <summary>The single part of a message ends with the message's final CRLF, which Python counts as text.</summary>
    private static string Lf(string s) => s.Replace("\r\n", "\n", StringComparison.Ordinal);

    private static byte[] Normalize(MimePart part) => NormalizeIfText(part, part.Content?.Data.ToArray() ?? []);

    /// <summary>Python hands back text line breaks as LF; bytes of other types must match exactly.</summary>
    private static byte[] NormalizeIfText(MimePart part, byte[] bytes) =>
        part.ContentType.IsMimeType("text", "*") ? Encoding.UTF8.GetBytes(Lf(Encoding.UTF8.GetString(bytes))) : bytes;
}
