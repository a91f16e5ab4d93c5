namespace CecopComms.Mail.Mime;

/// <summary>msg-id values (Message-Id, Content-Id) stored without angle brackets.</summary>
internal static class MessageIdSyntax
{
    /// <exception cref="ArgumentException">The id is empty or holds whitespace, brackets or control characters.</exception>
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
        }
        return id;
    }
}
