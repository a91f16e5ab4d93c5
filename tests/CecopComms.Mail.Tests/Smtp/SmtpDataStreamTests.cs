using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

/// <summary>The DATA filter gives the same bytes however the message is cut into writes.</summary>
public class SmtpDataStreamTests
{
    [Theory]
    [InlineData("", ".\r\n")]
    [InlineData("a", "a\r\n.\r\n")]
    [InlineData("a\r\n", "a\r\n.\r\n")]
    [InlineData(".", "..\r\n.\r\n")]
    [InlineData("a\r\n.\r\n", "a\r\n..\r\n.\r\n")]
    [InlineData("a\n.b\n", "a\r\n..b\r\n.\r\n")]
    [InlineData("a\r.b\r", "a\r\n..b\r\n.\r\n")]
    [InlineData("a\r\r\nb", "a\r\n\r\nb\r\n.\r\n")]
    [InlineData("x.\r\n..y", "x.\r\n...y\r\n.\r\n")]
    public async Task Stuffs_the_same_whole_or_byte_by_byte(string input, string expected)
    {
        var bytes = Encoding.ASCII.GetBytes(input);
        Assert.Equal(expected, await StuffAsync(s => s.WriteAsync(bytes).AsTask()));
        Assert.Equal(expected, await StuffAsync(s =>
        {
            foreach (var b in bytes) s.WriteByte(b);
            return Task.CompletedTask;
        }));
    }

    [Fact]
    public async Task Large_message_crosses_buffer_flushes_intact()
    {
        var line = "." + new string('x', 75) + "\r\n";
        var message = string.Concat(Enumerable.Repeat(line, 5000));
        var expected = string.Concat(Enumerable.Repeat("." + line, 5000)) + ".\r\n";

        Assert.Equal(expected, await StuffAsync(s => s.WriteAsync(Encoding.ASCII.GetBytes(message)).AsTask()));
    }

    private static async Task<string> StuffAsync(Func<Stream, Task> write)
    {
        var sink = new MemoryStream();
        using var smtp = new SmtpStream(sink, null, 0);
        var data = new SmtpDataStream();
        data.Begin(smtp);
        await write(data);
        await data.CompleteAsync(CancellationToken.None);
        await smtp.FlushAsync(CancellationToken.None);
        return Encoding.ASCII.GetString(sink.ToArray());
    }
}
