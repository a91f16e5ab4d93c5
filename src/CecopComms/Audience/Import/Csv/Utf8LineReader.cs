using System.Text;

namespace CecopComms.Audience.Import.Csv;

/// <summary>
/// Splits a UTF-8 file into numbered lines and decodes each one strictly, so a Latin-1 'é' in a UTF-8 file is a
/// reported line rather than mojibake in the database. Reads through a fixed buffer: memory does not grow with the file.
/// </summary>
internal sealed class Utf8LineReader(Stream stream) : IDisposable
{
    private const int MaxLineBytes = 1 << 20;
    private static readonly UTF8Encoding Strict = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    private byte[] _buffer = new byte[1 << 16];
    private int _start;
    private int _end;
    private bool _eof;
    private long _number;
    private bool _bomChecked;

    /// <summary>Reads the next line; false at the end of the file. A UTF-8 byte order mark at the start is skipped.</summary>
    public bool TryRead(out PhysicalLine line)
    {
        var tooLong = false;
        while (true)
        {
            var newline = _buffer.AsSpan(_start, _end - _start).IndexOf((byte)'\n');
            if (newline >= 0)
            {
                line = Decode(_buffer.AsSpan(_start, newline), tooLong);
                _start += newline + 1;
                return true;
            }
            if (_eof)
            {
                if (_start == _end && !tooLong) { line = default; return false; }
                line = Decode(_buffer.AsSpan(_start, _end - _start), tooLong);
                _start = _end;
                return true;
            }
            if (_end - _start >= MaxLineBytes)
            {
                // Keep the start of an overlong line for the report and drop the rest up to its end.
                tooLong = true;
                _end = _start + 200;
            }
            Fill();
        }
    }

    private void Fill()
    {
        if (_start > 0)
        {
            Buffer.BlockCopy(_buffer, _start, _buffer, 0, _end - _start);
            _end -= _start;
            _start = 0;
        }
        if (_end == _buffer.Length) Array.Resize(ref _buffer, _buffer.Length * 2);
        var read = stream.Read(_buffer, _end, _buffer.Length - _end);
        if (read == 0) _eof = true;
        _end += read;
        if (!_bomChecked && (_end >= 3 || _eof))
        {
            _bomChecked = true;
            if (_end >= 3 && _buffer[0] == 0xEF && _buffer[1] == 0xBB && _buffer[2] == 0xBF) _start = 3;
        }
    }

    private PhysicalLine Decode(ReadOnlySpan<byte> bytes, bool tooLong)
    {
        _number++;
        if (bytes.Length > 0 && bytes[^1] == (byte)'\r') bytes = bytes[..^1];
        if (tooLong) return new PhysicalLine(_number, Encoding.Latin1.GetString(bytes), $"the line is longer than {MaxLineBytes / (1 << 20)} MiB");
        try
        {
            return new PhysicalLine(_number, Strict.GetString(bytes), null);
        }
        catch (DecoderFallbackException e)
        {
            var at = Math.Max(e.Index, 0);
            var bad = e.BytesUnknown is { Length: > 0 } unknown ? unknown[0] : bytes[Math.Min(at, bytes.Length - 1)];
            // Shown as Latin-1, which is what such bytes most often are, so the report shows the person what they wrote.
            return new PhysicalLine(_number, Encoding.Latin1.GetString(bytes),
                $"the line is not valid UTF-8 (byte 0x{bad:X2} at position {at + 1}); save the file as UTF-8");
        }
    }

    public void Dispose() => stream.Dispose();
}
