using System.Globalization;
using System.Text;
using System.Xml;
using CecopComms.Content.Sources;

namespace CecopComms.Web.Archive;

/// <summary>The public archive as an Atom 1.0 feed (RFC 4287): one entry per sent edition, newest first.</summary>
public static class ArchiveFeed
{
    public const string ContentType = "application/atom+xml; charset=utf-8";
    private const string Atom = "http://www.w3.org/2005/Atom";

    /// <summary>
    /// The feed document. <paramref name="baseUrl"/> is the public site (Delivery:PublicBaseUrl): every id and link is
    /// absolute under it, and an entry's id is its page's URL, which never changes once the edition is sent.
    /// <paramref name="now"/> is the feed's updated time when there is no entry.
    /// </summary>
    public static string Write(IReadOnlyList<ArchivedEdition> editions, string baseUrl, DateTimeOffset now)
    {
        var root = baseUrl.TrimEnd('/') + "/archive";
        var text = new StringBuilder();
        using (var writer = XmlWriter.Create(text, new XmlWriterSettings { Indent = true, Encoding = Encoding.UTF8 }))
        {
            writer.WriteStartDocument();
            writer.WriteStartElement("feed", Atom);
            writer.WriteElementString("id", Atom, root);
            writer.WriteElementString("title", Atom, "CECOP Newsletter archive");
            writer.WriteElementString("subtitle", Atom, "Editions of CECOP's public newsletter on EU social affairs and legislative monitoring.");
            writer.WriteElementString("updated", Atom, Time(editions.Count > 0 ? editions.Max(e => e.SentAt) : now));
            Link(writer, "self", root + "/feed.atom", "application/atom+xml");
            Link(writer, "alternate", root, "text/html");
            writer.WriteStartElement("author", Atom);
            writer.WriteElementString("name", Atom, "CECOP");
            writer.WriteElementString("uri", Atom, baseUrl.TrimEnd('/'));
            writer.WriteEndElement();
            foreach (var edition in editions)
            {
                var page = $"{root}/{edition.RelativePath}";
                // Loading refuses characters XML cannot carry; an edition stored before that must not break the feed.
                var title = XmlCharacters.Strip(edition.Title);
                var subject = XmlCharacters.Strip(edition.Subject);
                writer.WriteStartElement("entry", Atom);
                writer.WriteElementString("id", Atom, page);
                writer.WriteElementString("title", Atom, $"{title}: {subject}");
                writer.WriteElementString("updated", Atom, Time(edition.SentAt));
                writer.WriteElementString("published", Atom, Time(edition.SentAt));
                Link(writer, "alternate", page, "text/html");
                writer.WriteElementString("summary", Atom, $"{title}, {edition.IssueDate}: {subject}");
                writer.WriteEndElement();
            }
            writer.WriteEndElement();
        }
        // StringBuilder output declares utf-16; the response is UTF-8.
        return text.ToString().Replace("encoding=\"utf-16\"", "encoding=\"utf-8\"", StringComparison.Ordinal);
    }

    private static void Link(XmlWriter writer, string rel, string href, string type)
    {
        writer.WriteStartElement("link", Atom);
        writer.WriteAttributeString("rel", rel);
        writer.WriteAttributeString("type", type);
        writer.WriteAttributeString("href", href);
        writer.WriteEndElement();
    }

    // RFC 3339, as Atom's date constructs require.
    private static string Time(DateTimeOffset value) => value.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss'Z'", CultureInfo.InvariantCulture);
}
