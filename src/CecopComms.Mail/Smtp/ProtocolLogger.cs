using System.Text;

namespace CecopComms.Mail.Smtp;

/// <summary>
/// Writes a conversation as "C: " and "S: " lines to a stream or a file (mirrors MailKit.ProtocolLogger).
/// Secrets found by <see cref="AuthenticationSecretDetector"/> are written as "********".
/// </summary>
public class ProtocolLogger : IProtocolLogger
{
    private static readonly byte[] Redacted = "********"u8.ToArray();
    private readonly Stream _stream;
    private readonly bool _leaveOpen;
    private bool _clientMidLine;
    private bool _serverMidLine;

    /// <summary>Logs to a file.</summary>
    /// <param name="fileName">The log file.</param>
    /// <param name="append">Append to an existing file rather than replace it.</param>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is null.</exception>
    /// <exception cref="IOException">The file cannot be opened.</exception>
    /// <exception cref="UnauthorizedAccessException">The file may not be written.</exception>
    public ProtocolLogger(string fileName, bool append = true)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        _stream = new FileStream(fileName, append ? FileMode.Append : FileMode.Create, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Logs to a stream.</summary>
    /// <param name="stream">Where to write.</param>
    /// <param name="leaveOpen">Leave the stream open when the logger is disposed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public ProtocolLogger(Stream stream, bool leaveOpen = false)
    {
        ArgumentNullException.ThrowIfNull(stream);
        _stream = stream;
        _leaveOpen = leaveOpen;
    }

    /// <summary>Prefix of the client's lines.</summary>
    public string ClientPrefix { get; set; } = "C: ";

    /// <summary>Prefix of the server's lines.</summary>
    public string ServerPrefix { get; set; } = "S: ";

    /// <summary>Hide what <see cref="AuthenticationSecretDetector"/> finds (true by default).</summary>
    public bool RedactSecrets { get; set; } = true;

    /// <inheritdoc/>
    public IAuthenticationSecretDetector? AuthenticationSecretDetector { get; set; }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="uri"/> is null.</exception>
    /// <exception cref="IOException">The log could not be written.</exception>
    public void LogConnect(Uri uri)
    {
        ArgumentNullException.ThrowIfNull(uri);
        _clientMidLine = _serverMidLine = false;
        var line = Encoding.UTF8.GetBytes($"Connected to {uri}\r\n");
        _stream.Write(line);
        _stream.Flush();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    /// <exception cref="IOException">The log could not be written.</exception>
    public void LogClient(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        var secrets = RedactSecrets && AuthenticationSecretDetector is { } detector
            ? detector.DetectSecrets(buffer, offset, count)
            : [];
        var position = offset;
        foreach (var secret in secrets)
        {
            WriteLines(buffer.AsSpan(position, secret.StartIndex - position), ClientPrefix, ref _clientMidLine);
            WriteLines(Redacted, ClientPrefix, ref _clientMidLine);
            position = secret.StartIndex + secret.Length;
        }
        WriteLines(buffer.AsSpan(position, offset + count - position), ClientPrefix, ref _clientMidLine);
        _stream.Flush();
    }

    /// <inheritdoc/>
    /// <exception cref="ArgumentNullException"><paramref name="buffer"/> is null.</exception>
    /// <exception cref="IOException">The log could not be written.</exception>
    public void LogServer(byte[] buffer, int offset, int count)
    {
        ArgumentNullException.ThrowIfNull(buffer);
        WriteLines(buffer.AsSpan(offset, count), ServerPrefix, ref _serverMidLine);
        _stream.Flush();
    }

    /// <summary>Closes the log unless it was opened with leaveOpen.</summary>
    public void Dispose()
    {
        Dispose(true);
        GC.SuppressFinalize(this);
    }

    /// <summary>Closes the log unless it was opened with leaveOpen.</summary>
    /// <param name="disposing">Called from <see cref="Dispose()"/>.</param>
    protected virtual void Dispose(bool disposing)
    {
        if (disposing && !_leaveOpen) _stream.Dispose();
    }

    // A write may end mid-line (or hold many lines), so the prefix goes wherever a new line begins.
    private void WriteLines(ReadOnlySpan<byte> bytes, string prefix, ref bool midLine)
    {
        while (!bytes.IsEmpty)
        {
            if (!midLine)
            {
                _stream.Write(Encoding.ASCII.GetBytes(prefix));
                midLine = true;
            }
            var newLine = bytes.IndexOf((byte)'\n');
            var take = newLine < 0 ? bytes.Length : newLine + 1;
            _stream.Write(bytes[..take]);
            if (newLine >= 0) midLine = false;
            bytes = bytes[take..];
        }
    }
}
