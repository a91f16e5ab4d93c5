using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Writes messages and entities to text, and picks headers out of the result.</summary>
internal static class MessageText
{
    public static string Write(MimeMessage message, FormatOptions? options = null)
    {
        using var stream = new MemoryStream();
        message.WriteTo(options ?? FormatOptions.Default, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static string Write(MimeEntity entity, FormatOptions? options = null)
    {
        using var stream = new MemoryStream();
        entity.WriteTo(options ?? FormatOptions.Default, stream);
        return Encoding.UTF8.GetString(stream.ToArray());
    }

    public static MimeMessage Simple(string? subject = "Hello")
    {
        var message = new MimeMessage(TimeProvider.System) { Subject = subject, Body = new TextPart { Text = "Body" } };
        message.From.Add(new MailboxAddress("Sender", "sender@example.org"));
        message.To.Add(new MailboxAddress("Reader", "reader@example.org"));
        return message;
    }

    /// <summary>The raw (folded) lines of the first header named <paramref name="field"/>.</summary>
    public static string[] HeaderLines(string text, string field)
    {
        var lines = text[..text.IndexOf("\r\n\r\n", StringComparison.Ordinal)].Split("\r\n");
        var start = Array.FindIndex(lines, l => l.StartsWith(field + ":", StringComparison.OrdinalIgnoreCase));
        if (start < 0)
            return [];
        var end = start + 1;
        while (end < lines.Length && lines[end].Length > 0 && lines[end][0] is ' ' or '\t')
            end++;
        return lines[start..end];
    }

    /// <summary>The encoded words of a header value.</summary>
    public static IEnumerable<string> EncodedWords(string value) =>
        value.Split([' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Where(w => w.StartsWith("=?", StringComparison.Ordinal));
}
