namespace CecopComms.Mail.Imap;

/// <summary>
/// An IMAP search criterion (mirrors MailKit.Search.SearchQuery). Only the criteria a mailbox reader needs exist;
/// each is a fixed search key, so nothing a caller passes can alter the command.
/// </summary>
public sealed class SearchQuery
{
    private SearchQuery(string key) => Key = key;

    /// <summary>Every message of the folder (ALL).</summary>
    public static SearchQuery All { get; } = new("ALL");

    /// <summary>Messages not marked \Deleted (UNDELETED).</summary>
    public static SearchQuery NotDeleted { get; } = new("UNDELETED");

    /// <summary>Messages marked \Deleted (DELETED).</summary>
    public static SearchQuery Deleted { get; } = new("DELETED");

    /// <summary>The IMAP search key.</summary>
    internal string Key { get; }

    /// <summary>The IMAP search key, e.g. "ALL".</summary>
    public override string ToString() => Key;
}
