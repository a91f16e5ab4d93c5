using System.Buffers;
using System.Text;
using System.Text.Encodings.Web;
using System.Text.Json;

namespace CecopComms.Audience.Import;

/// <summary>
/// Builds the JSON array a batch statement reads with json_each, reusing one buffer batch after batch. Non-ASCII is
/// written as itself: SQLite's ->> returns the same text either way, and the array is shorter.
/// </summary>
internal sealed class JsonArrayBuilder
{
    private static readonly JsonWriterOptions Options = new() { Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping, SkipValidation = true };

    private readonly ArrayBufferWriter<byte> _buffer = new(1 << 16);
    private readonly Utf8JsonWriter _writer;

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

    /// <summary>The array as text; then empty again for the next batch.</summary>
    public string Finish()
    {
        _writer.WriteEndArray();
        _writer.Flush();
        var text = Encoding.UTF8.GetString(_buffer.WrittenSpan);
        Clear();
        return text;
    }

    private void Clear()
    {
        _buffer.ResetWrittenCount();
        _writer.Reset(_buffer);
        _writer.WriteStartArray();
        Count = 0;
    }
}
