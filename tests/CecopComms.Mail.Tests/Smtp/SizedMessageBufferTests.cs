using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

public class SizedMessageBufferTests
{
    [Fact]
    public async Task Holds_writes_across_chunks_and_gives_them_back_in_order()
    {
        var data = new byte[200_000];
        new Random(7).NextBytes(data);
        using var buffer = new SizedMessageBuffer(data.Length);
        for (var offset = 0; offset < data.Length; offset += 7919) buffer.Write(data, offset, Math.Min(7919, data.Length - offset));

        var copy = new MemoryStream();
        await buffer.WriteToAsync(copy, CancellationToken.None);

        Assert.Equal(data.Length, buffer.Length);
        Assert.Equal(data, copy.ToArray());
    }

    [Fact]
    public void Refuses_a_write_past_the_limit()
    {
        using var buffer = new SizedMessageBuffer(100);
        buffer.Write(new byte[100]);
        Assert.Throws<SizedMessageBuffer.TooLargeException>(() => buffer.WriteByte(1));
    }
}
