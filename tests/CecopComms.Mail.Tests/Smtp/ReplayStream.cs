using System.Text;
using CecopComms.Mail.Smtp;

namespace CecopComms.Mail.Tests.Smtp;

/// <summary>
/// A server that plays back a recorded conversation. Transcript lines are "S: text" (the server writes) or
/// "C: text" (the client must write); each gets CRLF. Consecutive C: lines are one block that must arrive in
/// exactly one write, byte for byte, so a pipelined batch sent in two writes fails. "S: &lt;hang&gt;" never
/// answers (for timeouts). Lines starting with '#' and blank lines are ignored. After the last line, reads see
/// end-of-stream and writes are kept in <see cref="WrittenAfterEnd"/>.
/// </summary>
internal sealed class ReplayStream : Stream
{
    private const string Hang = "<hang>";
    private readonly List<(bool Client, byte[] Bytes)> _blocks = [];
    private readonly int _maxRead;
    private int _block;
    private int _offset;

    /// <param name="transcript">The conversation.</param>
    /// <param name="maxRead">Largest read answered, to split replies at awkward places.</param>
    public ReplayStream(string transcript, int maxRead = int.MaxValue)
    {
        _maxRead = maxRead;
        foreach (var raw in transcript.Split('\n'))
        {
            var line = raw.TrimEnd('\r');
            if (line.Length == 0 || line.StartsWith('#')) continue;
            if (line.Length < 3 || line[1] != ':' || line[0] is not ('C' or 'S'))
                throw new FormatException($"Transcript line is neither \"C: \" nor \"S: \": {line}");
            var client = line[0] == 'C';
            var text = line.Length > 3 ? line[3..] : "";
            var bytes = text == Hang && !client ? [] : Encoding.UTF8.GetBytes(text + "\r\n");
            if (_blocks.Count > 0 && _blocks[^1].Client == client && bytes.Length > 0 && _blocks[^1].Bytes.Length > 0)
                _blocks[^1] = (client, [.. _blocks[^1].Bytes, .. bytes]);
            else
                _blocks.Add((client, bytes));
        }
    }

    /// <summary>Loads Transcripts/NAME.txt from the test output folder.</summary>
    public static ReplayStream Load(string name, int maxRead = int.MaxValue) =>
        new(File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "Transcripts", name + ".txt")), maxRead);

    /// <summary>A client (EHLO name "client.test") connected without TLS to Transcripts/NAME.txt.</summary>
    public static async Task<(SmtpClient Client, ReplayStream Replay)> ConnectAsync(string name, int maxRead = int.MaxValue)
    {
        var replay = Load(name, maxRead);
        var client = new SmtpClient { LocalDomain = "client.test" };
        await client.ConnectAsync(replay, "mx.example.test", 25, SecureSocketOptions.None);
        return (client, replay);
    }

    /// <summary>The first difference between what the client wrote and the transcript, if any.</summary>
    public string? Mismatch { get; private set; }

    /// <summary>What the client wrote after the transcript ended (e.g. a TLS ClientHello).</summary>
    public MemoryStream WrittenAfterEnd { get; } = new();

    public bool IsDisposed { get; private set; }

    /// <summary>Fails unless the whole transcript was played and every client write matched.</summary>
    public void AssertComplete()
    {
        Assert.Null(Mismatch);
        Assert.True(_block == _blocks.Count, _block < _blocks.Count
            ? $"The transcript stopped early; next expected: {Describe(_blocks[_block])}"
            : "played");
    }

    public override void Write(byte[] buffer, int offset, int count) => Write(buffer.AsSpan(offset, count));

    public override void Write(ReadOnlySpan<byte> buffer)
    {
        if (_block == _blocks.Count)
        {
            WrittenAfterEnd.Write(buffer);
            return;
        }
        var (client, expected) = _blocks[_block];
        if (!client) Fail($"The client wrote {Show(buffer)} while the server was to answer {Show(expected)}");
        if (!buffer.SequenceEqual(expected)) Fail($"The client wrote\n{Show(buffer)}\nexpected, in one write,\n{Show(expected)}");
        _block++;
    }

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken)
    {
        Write(buffer, offset, count);
        return Task.CompletedTask;
    }

    public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        Write(buffer.Span);
        return ValueTask.CompletedTask;
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override int Read(Span<byte> buffer)
    {
        if (_block == _blocks.Count) return 0;
        var (client, bytes) = _blocks[_block];
        if (client) Fail($"The client waited for a reply but should first have written {Show(bytes)}");
        var count = Math.Min(Math.Min(buffer.Length, _maxRead), bytes.Length - _offset);
        bytes.AsSpan(_offset, count).CopyTo(buffer);
        _offset += count;
        if (_offset == bytes.Length)
        {
            _block++;
            _offset = 0;
        }
        return count;
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (_block < _blocks.Count && _blocks[_block] is (false, { Length: 0 }))
            await Task.Delay(Timeout.Infinite, cancellationToken);
        return Read(buffer.Span);
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => true;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        IsDisposed = true;
        base.Dispose(disposing);
    }

    private void Fail(string message)
    {
        Mismatch ??= message;
        throw new IOException("Transcript mismatch: " + message);
    }

    private static string Describe((bool Client, byte[] Bytes) block) => (block.Client ? "C: " : "S: ") + Show(block.Bytes);

    private static string Show(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes).Replace("\r\n", "⏎\n");
}
