namespace CecopComms.Mail.Imap;

/// <summary>The IMAP system flags of a message (mirrors MailKit.MessageFlags).</summary>
[Flags]
public enum MessageFlags
{
    /// <summary>No flags.</summary>
    None = 0,
    /// <summary>\Seen</summary>
    Seen = 1 << 0,
    /// <summary>\Answered</summary>
    Answered = 1 << 1,
    /// <summary>\Flagged</summary>
    Flagged = 1 << 2,
    /// <summary>\Deleted: removed by the next EXPUNGE.</summary>
    Deleted = 1 << 3,
    /// <summary>\Draft</summary>
    Draft = 1 << 4,
    /// <summary>\Recent (set by the server only).</summary>
    Recent = 1 << 5,
}
