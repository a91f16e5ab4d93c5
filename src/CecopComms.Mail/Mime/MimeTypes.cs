namespace CecopComms.Mail.Mime;

/// <summary>Media types by file extension (mirrors MimeKit.MimeTypes) for the files newsletters attach.</summary>
public static class MimeTypes
{
    private static readonly Dictionary<string, string> ByExtension = new(StringComparer.OrdinalIgnoreCase)
    {
        [".txt"] = "text/plain", [".htm"] = "text/html", [".html"] = "text/html", [".css"] = "text/css",
        [".csv"] = "text/csv", [".ics"] = "text/calendar", [".vcf"] = "text/vcard", [".md"] = "text/markdown",
        [".xml"] = "application/xml", [".json"] = "application/json", [".pdf"] = "application/pdf",
        [".zip"] = "application/zip", [".gz"] = "application/gzip", [".rtf"] = "application/rtf",
        [".doc"] = "application/msword", [".xls"] = "application/vnd.ms-excel", [".ppt"] = "application/vnd.ms-powerpoint",
        [".docx"] = "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        [".xlsx"] = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        [".pptx"] = "application/vnd.openxmlformats-officedocument.presentationml.presentation",
        [".odt"] = "application/vnd.oasis.opendocument.text", [".ods"] = "application/vnd.oasis.opendocument.spreadsheet",
        [".epub"] = "application/epub+zip", [".png"] = "image/png", [".jpg"] = "image/jpeg", [".jpeg"] = "image/jpeg",
        [".gif"] = "image/gif", [".webp"] = "image/webp", [".svg"] = "image/svg+xml", [".ico"] = "image/x-icon",
        [".bmp"] = "image/bmp", [".mp3"] = "audio/mpeg", [".ogg"] = "audio/ogg", [".mp4"] = "video/mp4",
        [".webm"] = "video/webm",
    };

    /// <summary>The media type for a file name, <c>application/octet-stream</c> when unknown.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="fileName"/> is null.</exception>
    public static string GetMimeType(string fileName)
    {
        ArgumentNullException.ThrowIfNull(fileName);
        return ByExtension.TryGetValue(Path.GetExtension(fileName), out var type) ? type : "application/octet-stream";
    }
}
