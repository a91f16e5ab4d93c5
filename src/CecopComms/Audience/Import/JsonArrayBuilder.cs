using System.Buffers;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CecopComms.Audience.Import;

/// <summary>
/// Builds the JSON array a batch statement reads with json_each, reusing one buffer batch after batch, and hands it
/// over as UTF-8: half the size of a string, and SQLite's own encoding. Non-ASCII is
/// written as itself: SQLite's ->> returns the same text either way, and the array is shorter.
/// </summary>
internal sealed class JsonArrayBuilder
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;
    private byte[] _bound = [];

    public JsonArrayBuilder()
    {
        _writer = new Utf8JsonWriter(_buffer, Options);
        Clear();
    }

    /// <summary>The writer, inside the array: write one value (or object) per element.</summary>
    public Utf8JsonWriter Writer => _writer;

    public int Count { get; private set; }

    /// <summary>Call once per element written.</summary>
    public Utf8JsonWriter Next()
    {
        Count++;
        return _writer;
    }

    /// <summary>
    /// The array as UTF-8 bytes (the SQL reads them with CAST … AS TEXT); then empty again for the next batch. The bytes
    /// are one array reused batch after batch, padded at its end with spaces (JSON white space): a fresh array per batch
    /// would be a large-object-heap allocation of up to a megabyte each time, and with it a full garbage collection.
    /// Valid until the next call.
    /// </summary>
    public byte[] Finish()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        var written = _buffer.WrittenSpan;
        if (_bound.Length < written.Length) _bound = new byte[written.Length + written.Length / 8];
        written.CopyTo(_bound);
        _bound.AsSpan(written.Length).Fill((byte)' ');
        Clear();
        return _bound;
    }

    private void Clear()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        Count = 0;
    }
}
