namespace CecopComms.Mail.Mime;

/// <summary>The checks every header name and value passes before it can reach the wire.</summary>
internal static class HeaderSyntax
{
    /// <exception cref="ArgumentException">The name is empty or holds characters outside printable ASCII or a colon.</exception>
    public static void CheckFieldName(string field)
    {
        if (field.Length == 0)
            throw new ArgumentException("A header name cannot be empty.", nameof(field));
        foreach (var c in field)
        {
            if (c <= ' ' || c >= 127 || c == ':')
                throw new ArgumentException($"The header name '{field}' holds a character not allowed in a field name.", nameof(field));
        }
    }

    /// <exception cref="ArgumentNullException"><paramref name="value"/> is null.</exception>
    /// <exception cref="ArgumentException">The value holds CR, LF or NUL.</exception>
    public static void CheckValue(string field, string? value, string? paramName = "value")
    {
        ArgumentNullException.ThrowIfNull(value, paramName);
        if (value.AsSpan().IndexOfAny('\r', '\n', '\0') >= 0)
            throw new ArgumentException($"The value of header '{field}' holds CR, LF or NUL; refused to prevent header injection.", paramName);
    }
}
