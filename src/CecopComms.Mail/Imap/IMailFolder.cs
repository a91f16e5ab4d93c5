using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Imap;

/// <summary>
/// A mail folder (mirrors the part of MailKit.IMailFolder a mailbox reader needs): open it, list its messages by UID,
/// fetch them, flag them deleted and expunge.
/// </summary>
public interface IMailFolder
{
    /// <summary>The folder's full name, e.g. "INBOX".</summary>
    string FullName { get; }

    /// <summary>True while the folder is selected.</summary>
    bool IsOpen { get; }

    /// <summary>How the folder is open.</summary>
    FolderAccess Access { get; }

    /// <summary>Messages in the folder, as the server last said (EXISTS, EXPUNGE).</summary>
    int Count { get; }

    /// <summary>The folder's UIDVALIDITY, once open.</summary>
    uint UidValidity { get; }

    /// <summary>Selects the folder (SELECT for ReadWrite, EXAMINE for ReadOnly).</summary>
    /// <param name="access">ReadOnly or ReadWrite.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <returns>The access granted (the server may grant only ReadOnly).</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="access"/> is None.</exception>
    /// <exception cref="InvalidOperationException">Not connected or not authenticated.</exception>
    /// <exception cref="ImapCommandException">The server refused (e.g. no such folder).</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    Task<FolderAccess> OpenAsync(FolderAccess access, CancellationToken cancellationToken = default);

    /// <summary>The UIDs of the messages that match (UID SEARCH), in ascending order.</summary>
    /// <param name="query">The criterion.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentNullException"><paramref name="query"/> is null.</exception>
    /// <exception cref="InvalidOperationException">The folder is not open.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    Task<IList<UniqueId>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default);

    /// <summary>The raw message (UID FETCH BODY.PEEK[], which leaves \Seen alone) in a seekable stream at position 0.</summary>
    /// <param name="uid">The message.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentException"><paramref name="uid"/> is not valid.</exception>
    /// <exception cref="InvalidOperationException">The folder is not open.</exception>
    /// <exception cref="MessageNotFoundException">No message has that UID (any more).</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    Task<Stream> GetStreamAsync(UniqueId uid, CancellationToken cancellationToken = default);

    /// <summary>The message, parsed.</summary>
    /// <param name="uid">The message.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentException"><paramref name="uid"/> is not valid.</exception>
    /// <exception cref="InvalidOperationException">The folder is not open.</exception>
    /// <exception cref="MessageNotFoundException">No message has that UID (any more).</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    /// <exception cref="MessageParseException">The bytes are not an e-mail message.</exception>
    Task<MimeMessage> GetMessageAsync(UniqueId uid, CancellationToken cancellationToken = default);

    /// <summary>Adds flags to a message (UID STORE +FLAGS, or +FLAGS.SILENT when <paramref name="silent"/>).</summary>
    /// <param name="uid">The message.</param>
    /// <param name="flags">The flags to add (not Recent).</param>
    /// <param name="silent">Do not ask the server to echo the new flags.</param>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="ArgumentException"><paramref name="uid"/> is not valid, or <paramref name="flags"/> is empty or Recent.</exception>
    /// <exception cref="InvalidOperationException">The folder is not open, or open read-only.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    Task AddFlagsAsync(UniqueId uid, MessageFlags flags, bool silent, CancellationToken cancellationToken = default);

    /// <summary>Removes every message flagged \Deleted (EXPUNGE).</summary>
    /// <param name="cancellationToken">Cancels (and disconnects).</param>
    /// <exception cref="InvalidOperationException">The folder is not open, or open read-only.</exception>
    /// <exception cref="ImapCommandException">The server refused.</exception>
    /// <exception cref="ImapProtocolException">The conversation broke; disconnected.</exception>
    /// <exception cref="IOException">The stream broke or timed out; disconnected.</exception>
    Task ExpungeAsync(CancellationToken cancellationToken = default);
}
