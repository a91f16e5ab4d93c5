using System.Globalization;
using System.Text;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Imap;

/// <summary>
/// A folder of an <see cref="ImapClient"/> (mirrors MailKit.Net.Imap.ImapFolder, the part a mailbox reader needs).
/// Its <see cref="Count"/> and <see cref="UidValidity"/> follow the server's untagged responses.
/// </summary>
public sealed class ImapFolder : IMailFolder
{
    private readonly ImapClient _client;

    internal ImapFolder(ImapClient client, string fullName)
    {
        _client = client;
        FullName = fullName;
    }

    /// <inheritdoc/>
    public string FullName { get; }

    /// <inheritdoc/>
    public bool IsOpen => Access != FolderAccess.None;

    /// <inheritdoc/>
    public FolderAccess Access { get; private set; }

    /// <inheritdoc/>
    public int Count { get; private set; }

    /// <inheritdoc/>
    public uint UidValidity { get; private set; }

    /// <summary>The UID the next message will get, when the server said (UIDNEXT).</summary>
    public UniqueId? UidNext { get; private set; }

    /// <inheritdoc/>
    public async Task<FolderAccess> OpenAsync(FolderAccess access, CancellationToken cancellationToken = default)
    {
        if (access == FolderAccess.None) throw new ArgumentOutOfRangeException(nameof(access), "Open a folder ReadOnly or ReadWrite.");
        _client.CheckAuthenticated();
        Reset();
        var verb = access == FolderAccess.ReadWrite ? "SELECT " : "EXAMINE ";
        var done = await _client.RequireOkAsync([verb + Quote(FullName)], null, cancellationToken).ConfigureAwait(false);
        Access = done.Code?.ToUpperInvariant() switch
        {
            "READ-ONLY" => FolderAccess.ReadOnly,
            "READ-WRITE" => FolderAccess.ReadWrite,
            _ => access,
        };
        return Access;
    }

    /// <inheritdoc/>
    public async Task<IList<UniqueId>> SearchAsync(SearchQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        CheckOpen();
        var uids = new List<UniqueId>();
        await _client.RequireOkAsync(["UID SEARCH " + query.Key], response =>
        {
            if (!response.Word(0).Equals("SEARCH", StringComparison.OrdinalIgnoreCase)) return;
            var tokens = new ImapTokenizer(response).Skip(2);
            while (!tokens.AtEnd)
            {
                if (tokens.ReadValue() is not string word || !uint.TryParse(word, NumberStyles.None, CultureInfo.InvariantCulture, out var id) || id == 0)
                    throw new ImapProtocolException($"The server's SEARCH response holds something that is not a UID: \"{response}\".");
                uids.Add(new UniqueId(UidValidity, id));
            }
        }, cancellationToken).ConfigureAwait(false);
        uids.Sort();
        return uids;
    }

    /// <inheritdoc/>
    public async Task<Stream> GetStreamAsync(UniqueId uid, CancellationToken cancellationToken = default)
    {
        CheckUid(uid);
        CheckOpen();
        byte[]? body = null;
        await _client.RequireOkAsync([$"UID FETCH {uid} BODY.PEEK[]"], response =>
        {
            if (!response.TryNumber(0, out _) || !response.Word(1).Equals("FETCH", StringComparison.OrdinalIgnoreCase)) return;
            if (new ImapTokenizer(response).Skip(3).ReadValue() is not List<object?> items)
                throw new ImapProtocolException($"The server's FETCH response has no list of items: \"{response}\".");
            uint? fetchedUid = null;
            byte[]? fetchedBody = null;
            for (var i = 0; i + 1 < items.Count; i += 2)
            {
                var name = (items[i] as string)?.ToUpperInvariant();
                if (name == "UID" && items[i + 1] is string id && uint.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var number))
                    fetchedUid = number;
                else if (name == "BODY[]")
                    fetchedBody = items[i + 1] switch
                    {
                        byte[] literal => literal,
                        string quoted => Encoding.UTF8.GetBytes(quoted),
                        _ => [],
                    };
            }
            // Another message's unsolicited FETCH (flags changed by someone else) is not the answer.
            if (fetchedBody is not null && (fetchedUid is null || fetchedUid == uid.Id)) body = fetchedBody;
        }, cancellationToken).ConfigureAwait(false);
        if (body is null) throw new MessageNotFoundException($"The IMAP folder {FullName} on {_client.Host} has no message with UID {uid}.");
        return new MemoryStream(body, writable: false);
    }

    /// <inheritdoc/>
    public async Task<MimeMessage> GetMessageAsync(UniqueId uid, CancellationToken cancellationToken = default)
    {
        await using var stream = await GetStreamAsync(uid, cancellationToken).ConfigureAwait(false);
        return MimeMessage.Load(stream, cancellationToken);
    }

    /// <inheritdoc/>
    public async Task AddFlagsAsync(UniqueId uid, MessageFlags flags, bool silent, CancellationToken cancellationToken = default)
    {
        CheckUid(uid);
        if (flags == MessageFlags.None || (flags & MessageFlags.Recent) != 0)
            throw new ArgumentException("Give one or more of Seen, Answered, Flagged, Deleted, Draft (Recent is the server's).", nameof(flags));
        CheckWritable();
        var names = new List<string>();
        if ((flags & MessageFlags.Seen) != 0) names.Add("\\Seen");
        if ((flags & MessageFlags.Answered) != 0) names.Add("\\Answered");
        if ((flags & MessageFlags.Flagged) != 0) names.Add("\\Flagged");
        if ((flags & MessageFlags.Deleted) != 0) names.Add("\\Deleted");
        if ((flags & MessageFlags.Draft) != 0) names.Add("\\Draft");
        await _client.RequireOkAsync([$"UID STORE {uid} {(silent ? "+FLAGS.SILENT" : "+FLAGS")} ({string.Join(' ', names)})"], null, cancellationToken)
            .ConfigureAwait(false);
    }

    /// <inheritdoc/>
    public async Task ExpungeAsync(CancellationToken cancellationToken = default)
    {
        CheckWritable();
        await _client.RequireOkAsync(["EXPUNGE"], null, cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The folder's name.</summary>
    public override string ToString() => FullName;

    internal void Reset()
    {
        Access = FolderAccess.None;
        Count = 0;
        UidValidity = 0;
        UidNext = null;
    }

    internal void OnExists(uint count) => Count = (int)Math.Min(count, int.MaxValue);

    internal void OnExpunge() => Count = Math.Max(0, Count - 1);

    internal void OnResponseCode(string code)
    {
        var parts = code.Split(' ', 2);
        if (parts.Length < 2 || !uint.TryParse(parts[1], NumberStyles.None, CultureInfo.InvariantCulture, out var value)) return;
        switch (parts[0].ToUpperInvariant())
        {
            case "UIDVALIDITY": UidValidity = value; break;
            case "UIDNEXT": UidNext = new UniqueId(UidValidity, value); break;
        }
    }

    private void CheckOpen()
    {
        _client.CheckAuthenticated();
        if (!IsOpen) throw new InvalidOperationException($"The IMAP folder {FullName} is not open; call OpenAsync first.");
    }

    private void CheckWritable()
    {
        CheckOpen();
        if (Access != FolderAccess.ReadWrite) throw new InvalidOperationException($"The IMAP folder {FullName} is open read-only.");
    }

    private static void CheckUid(UniqueId uid)
    {
        if (!uid.IsValid) throw new ArgumentException("A UID is 1 or more.", nameof(uid));
    }

    private static string Quote(string name) => "\"" + name.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
