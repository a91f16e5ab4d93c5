namespace CecopComms.Mail.Mime;

/// <summary>A header as received: the field name and its unfolded value, encoded words not yet decoded.</summary>
internal readonly record struct RawHeader(string Field, string Value)
{
    /// <summary>The value with encoded words decoded and any CR, LF or NUL a decoded word produced made a space.</summary>
    public string Decoded
    {
        get
        {
            var text = EncodedWordDecoder.Decode(Value);
            return text.AsSpan().IndexOfAny('\r', '\n', '\0') < 0 ? text : text.Replace('\r', ' ').Replace('\n', ' ').Replace('\0', ' ');
        }
    }
}
