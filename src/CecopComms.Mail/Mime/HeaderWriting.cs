namespace CecopComms.Mail.Mime;

/// <summary>Writes free-form headers: verbatim when pre-folded, otherwise folded as structured or unstructured text.</summary>
internal static class HeaderWriting
{
    /// <summary>Headers whose values have syntax (angle brackets, tokens): folding at whitespace only, never encoded words.</summary>
    private static readonly HashSet<string> Structured = new(StringComparer.OrdinalIgnoreCase)
    {
        "Message-Id", "In-Reply-To", "References", "Resent-Message-Id", "Return-Path", "Received",
        "List-Unsubscribe", "List-Unsubscribe-Post", "List-Id", "List-Post", "List-Help", "List-Subscribe",
        "List-Owner", "List-Archive", "Feedback-ID", "Precedence", "Auto-Submitted", "MIME-Version",
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-Id", "Content-Location",
        "Content-Language", "DKIM-Signature", "ARC-Seal", "ARC-Message-Signature", "ARC-Authentication-Results",
        "Authentication-Results", "Disposition-Notification-To", "Return-Receipt-To", "Errors-To",
    };

    public static void Write(HeaderFolder folder, MimeOutput output, Header header)
    {
        if (header.RawValue is { } raw)
        {
            output.WriteText(header.Field);
            output.WriteByte((byte)':');
            var rest = raw.AsSpan();
            while (true)
            {
                var i = rest.IndexOf("\r\n", StringComparison.Ordinal);
                output.WriteText(i < 0 ? rest : rest[..i]);
                output.NewLine();
                if (i < 0)
                    break;
                rest = rest[(i + 2)..];
            }
            return;
        }
        folder.Begin(header.Field);
        if (Structured.Contains(header.Field))
            folder.WriteStructured(header.Value);
        else
            folder.WriteUnstructured(header.Value);
        folder.End();
    }

    /// <summary>Writes the headers not in <paramref name="reserved"/> and not hidden.</summary>
    /// <exception cref="InvalidOperationException">A header that a typed property owns was added to the free list.</exception>
    public static void WriteOthers(HeaderFolder folder, MimeOutput output, HeaderList headers, IReadOnlySet<string> reserved, string owner, Func<Header, bool>? skip = null)
    {
        foreach (var header in headers)
        {
            if (reserved.Contains(header.Field))
                throw new InvalidOperationException($"The header '{header.Field}' is set through {owner}, not through Headers.");
            if (output.Options.HiddenHeaders.Contains(header.Field) || (skip is not null && skip(header)))
                continue;
            Write(folder, output, header);
        }
    }
}
