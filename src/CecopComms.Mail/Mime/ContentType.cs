using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>A Content-Type such as <c>text/html; charset=utf-8</c> (mirrors MimeKit.ContentType).</summary>
public class ContentType
{
    private string mediaType;
    private string mediaSubtype;

    /// <summary>Creates a content type.</summary>
    /// <exception cref="ArgumentNullException">An argument is null.</exception>
    /// <exception cref="ArgumentException">The type or subtype is not an RFC 2045 token.</exception>
    public ContentType(string mediaType, string mediaSubtype)
    {
        this.mediaType = CheckToken(mediaType, nameof(mediaType));
        this.mediaSubtype = CheckToken(mediaSubtype, nameof(mediaSubtype));
    }

    /// <summary>The media type, e.g. <c>text</c>.</summary>
    /// <exception cref="ArgumentException">The value is not a token.</exception>
    public string MediaType { get => mediaType; set => mediaType = CheckToken(value, nameof(value)); }

    /// <summary>The media subtype, e.g. <c>html</c>.</summary>
    /// <exception cref="ArgumentException">The value is not a token.</exception>
    public string MediaSubtype { get => mediaSubtype; set => mediaSubtype = CheckToken(value, nameof(value)); }

    /// <summary><c>type/subtype</c>.</summary>
    public string MimeType => mediaType + "/" + mediaSubtype;

    /// <summary>The parameters in the order they are written.</summary>
    public ParameterList Parameters { get; } = new();

    /// <summary>The charset parameter, or null.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? Charset { get => Parameters["charset"]; set => Parameters["charset"] = value; }

    /// <summary>The name parameter (a file name), or null.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? Name { get => Parameters["name"]; set => Parameters["name"] = value; }

    /// <summary>The boundary parameter of a multipart, or null.</summary>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public string? Boundary { get => Parameters["boundary"]; set => Parameters["boundary"] = value; }

    /// <summary>True when the type matches; <c>*</c> matches anything.</summary>
    public bool IsMimeType(string mediaType, string mediaSubtype) =>
        (mediaType == "*" || string.Equals(mediaType, this.mediaType, StringComparison.OrdinalIgnoreCase))
        && (mediaSubtype == "*" || string.Equals(mediaSubtype, this.mediaSubtype, StringComparison.OrdinalIgnoreCase));

    /// <summary>Parses <c>type/subtype</c> with optional <c>; name=value</c> parameters (plain or quoted values).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="text"/> is null.</exception>
    /// <exception cref="ParseException">The text is not a content type.</exception>
    public static ContentType Parse(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        return TryParse(text, out var type, out var reason) ? type! : throw new ParseException(reason!);
    }

    /// <summary>Parses a content type without throwing.</summary>
    public static bool TryParse(string text, out ContentType? type) => TryParse(text, out type, out _);

    private static bool TryParse(string? text, out ContentType? type, out string? reason)
    {
        type = null;
        reason = null;
        if (text is null)
        {
            reason = "the content type is empty";
            return false;
        }
        var pieces = text.Split(';');
        var mime = pieces[0].Trim();
        var slash = mime.IndexOf('/');
        if (slash <= 0 || !MimeToken.IsToken(mime.AsSpan(0, slash)) || !MimeToken.IsToken(mime.AsSpan(slash + 1)))
        {
            reason = $"'{mime}' is not a type/subtype";
            return false;
        }
        var result = new ContentType(mime[..slash], mime[(slash + 1)..]);
        for (var i = 1; i < pieces.Length; i++)
        {
            var p = pieces[i].Trim();
            if (p.Length == 0)
                continue;
            var eq = p.IndexOf('=');
            var name = eq < 0 ? "" : p[..eq].Trim();
            if (eq <= 0 || !MimeToken.IsToken(name) || p.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            {
                reason = $"'{p}' is not a parameter";
                return false;
            }
            var value = p[(eq + 1)..].Trim();
            if (value.Length >= 2 && value[0] == '"' && value[^1] == '"')
                value = value[1..^1].Replace("\\\"", "\"", StringComparison.Ordinal).Replace("\\\\", "\\", StringComparison.Ordinal);
            result.Parameters[name] = value;
        }
        type = result;
        return true;
    }

    /// <summary><c>type/subtype; name=value…</c> for display (parameters quoted, not RFC 2231 encoded).</summary>
    public override string ToString()
    {
        var sb = new StringBuilder(MimeType);
        foreach (var p in Parameters)
            sb.Append("; ").Append(p);
        return sb.ToString();
    }

    private static string CheckToken(string value, string paramName)
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (!MimeToken.IsToken(value))
            throw new ArgumentException($"'{value}' is not a MIME token.", paramName);
        return value;
    }
}
