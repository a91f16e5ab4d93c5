namespace CecopComms.Mail.Mime;

/// <summary>msg-id values (Message-Id, Content-Id) stored without angle brackets.</summary>
internal static class MessageIdSyntax
{
    /// <exception cref="ArgumentException">The id is empty or holds whitespace, brackets, control or non-ASCII characters.</exception>
    public static string Normalize(string value, string header)
    {
        var id = value.Trim();
        if (id.Length >= 2 && id[0] == '<' && id[^1] == '>')
            id = id[1..^1];
        if (id.Length == 0)
            throw new ArgumentException($"The {header} is empty.", nameof(value));
        foreach (var c in id)
        {
            if (c <= ' ' || c == 127 || c is '<' or '>')
                throw new ArgumentException($"The {header} '{value}' holds whitespace, a bracket or a control character; refused to prevent header injection.", nameof(value));
            if (c > 127)
                throw new ArgumentException($"The {header} '{value}' holds a non-ASCII character; use the punycode form of the domain.", nameof(value));
        }
        return id;
    }
}
