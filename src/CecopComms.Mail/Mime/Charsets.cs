using System.Collections.Concurrent;
using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>Finds the .NET encoding for a MIME charset name, including the legacy code pages mail still carries.</summary>
internal static class Charsets
{
    private static readonly ConcurrentDictionary<string, Encoding?> Cache = new(StringComparer.OrdinalIgnoreCase);

    /// <summary>Names seen in real mail that neither .NET table knows.</summary>
    private static readonly Dictionary<string, string> Aliases = new(StringComparer.OrdinalIgnoreCase)
    {
        ["utf8"] = "utf-8",
        ["latin1"] = "iso-8859-1",
        ["latin-1"] = "iso-8859-1",
        ["iso8859-1"] = "iso-8859-1",
        ["iso8859-15"] = "iso-8859-15",
        ["iso_8859-1"] = "iso-8859-1",
        ["iso-latin-1"] = "iso-8859-1",
        ["latin9"] = "iso-8859-15",
        ["cp1252"] = "windows-1252",
        ["cp1250"] = "windows-1250",
        ["ansi_x3.4-1968"] = "us-ascii",
        ["ascii"] = "us-ascii",
        ["ks_c_5601-1987"] = "euc-kr",
    };

    /// <summary>The encoding for <paramref name="charset"/>, or null when it is unknown.</summary>
    public static Encoding? Find(string? charset)
    {
        if (string.IsNullOrWhiteSpace(charset))
            return null;
        return Cache.GetOrAdd(charset.Trim().Trim('"'), static name =>
        {
            if (Aliases.TryGetValue(name, out var alias))
                name = alias;
            // The code pages (windows-1252, iso-8859-15, …) live in a provider that is not registered by
            // default; asking it directly leaves the process-wide Encoding table untouched.
            try
            {
                return Encoding.GetEncoding(name);
            }
            catch (ArgumentException)
            {
            }
            try
            {
                return CodePagesEncodingProvider.Instance.GetEncoding(name);
            }
            catch (ArgumentException)
            {
                return null;
            }
        });
    }

    /// <summary>Text from bytes that declare no charset: UTF-8 when the bytes are valid UTF-8, else Latin-1 (every byte is a character).</summary>
    public static string DecodeUndeclared(ReadOnlySpan<byte> bytes) =>
        System.Text.Unicode.Utf8.IsValid(bytes) ? Encoding.UTF8.GetString(bytes) : Encoding.Latin1.GetString(bytes);
}
