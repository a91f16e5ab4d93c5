using CecopComms.Content.Validation;

namespace CecopComms.Content.Sources;

/// <summary>Every link in a mailing is an absolute https URL: readers click them from anywhere, trackers redirect only to them.</summary>
public static class HttpsLink
{
    public static bool IsValid(string url) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri) && uri.Scheme == Uri.UriSchemeHttps && !string.IsNullOrEmpty(uri.Host) && !url.Any(char.IsWhiteSpace);

    /// <summary>Reports an error at the value's place unless it is an absolute https URL.</summary>
    public static bool Check(LocatedText? url, Diagnostics diagnostics)
    {
        if (url is null || IsValid(url.Value)) return true;
        diagnostics.Error(url.File, url.Line, url.Column, $"'{url.Value}' is not an absolute https link (https://...)");
        return false;
    }
}
