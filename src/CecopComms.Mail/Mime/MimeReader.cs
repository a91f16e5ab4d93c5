using System.Text;

namespace CecopComms.Mail.Mime;

/// <summary>
/// Builds the entity tree from a message held in memory. Everything is lenient: a bad header, a missing
/// boundary or an undecodable part gives the best reading Python's email package or MimeKit would, never
/// an exception; only input that does not start with a header field is refused.
/// </summary>
internal sealed class MimeReader
{
    /// <summary>Deeper nesting than this is kept as an opaque part rather than recursed into (hostile input).</summary>
    private const int MaxDepth = 64;

    private static readonly HashSet<string> EntityOwned = new(StringComparer.OrdinalIgnoreCase)
    {
        "Content-Type", "Content-Transfer-Encoding", "Content-Disposition", "Content-Id", "MIME-Version",
    };

    private readonly byte[] data;

    public MimeReader(byte[] data) => this.data = data;

    /// <summary>Reads the whole input as a message.</summary>
    /// <exception cref="MessageParseException">The input is empty or does not start with a header field.</exception>
    public MimeMessage ReadMessage()
    {
        var start = 0;
        var line = 1;
        if (data.AsSpan().StartsWith("From "u8))
        {
            // An mbox separator line ("From sender date") before the headers.
            var lf = Array.IndexOf(data, (byte)'\n');
            start = lf < 0 ? data.Length : lf + 1;
            line = 2;
        }
        if (start >= data.Length)
            throw new MessageParseException(data.Length == 0 ? "The input is empty; it is not an email message." : "The input holds only an mbox 'From ' line; it is not an email message.", data.Length == 0 ? 0 : 1);
        var first = FirstLine(start);
        if (HeaderBlockReader.FieldName(first) is null)
        {
            var shown = Charsets.DecodeUndeclared(first[..Math.Min(first.Length, 60)]);
            var printable = new string(shown.Select(c => char.IsControl(c) ? '?' : c).ToArray());
            throw new MessageParseException($"Line {line} is not a mail header ('{printable}'); the input is not an email message.", line);
        }
        return ReadMessage(start, data.Length, 0);
    }

    private ReadOnlySpan<byte> FirstLine(int start)
    {
        var rest = data.AsSpan(start);
        var lf = rest.IndexOf((byte)'\n');
        var line = lf < 0 ? rest : rest[..lf];
        return line.TrimEnd((byte)'\r');
    }

    private MimeMessage ReadMessage(int start, int end, int depth)
    {
        var headers = new List<RawHeader>();
        var bodyStart = HeaderBlockReader.Read(data, start, end, headers);
        var message = new MimeMessage(this);
        message.ParsedHeaders = new HeaderList();
        var bodyHeaders = new List<RawHeader>();
        foreach (var header in headers)
        {
            var decoded = header.Decoded;
            message.ParsedHeaders.Add(header.Field, decoded);
            switch (header.Field.ToLowerInvariant())
            {
                case "from":
                    AddAddresses(message.From, header.Value);
                    break;
                case "to":
                    AddAddresses(message.To, header.Value);
                    break;
                case "cc":
                    AddAddresses(message.Cc, header.Value);
                    break;
                case "bcc":
                    AddAddresses(message.Bcc, header.Value);
                    break;
                case "reply-to":
                    AddAddresses(message.ReplyTo, header.Value);
                    break;
                case "sender":
                    if (message.Sender is null && MailboxAddress.TryParse(header.Value, out var sender))
                        message.Sender = sender;
                    break;
                case "subject":
                    message.Subject ??= decoded;
                    break;
                case "date":
                    if (message.Date == default && MailDate.TryParse(header.Value, out var date))
                        message.Date = date;
                    break;
                case "message-id":
                    message.MessageId ??= MessageId(header.Value);
                    break;
                case "mime-version":
                    break;
                default:
                    if (header.Field.StartsWith("Content-", StringComparison.OrdinalIgnoreCase))
                        bodyHeaders.Add(header);
                    else
                        message.Headers.Add(header.Field, decoded);
                    break;
            }
        }
        message.Body = ReadEntity(bodyHeaders, bodyStart, end, new ContentType("text", "plain"), depth);
        return message;
    }

    /// <summary>A Message-Id without brackets, or null when none can be made of the value.</summary>
    internal static string? MessageId(string value)
    {
        var text = value.Trim();
        var open = text.IndexOf('<');
        var close = open < 0 ? -1 : text.IndexOf('>', open);
        if (close > open)
            text = text[(open + 1)..close];
        text = text.Trim();
        if (text.Length == 0 || text.Any(c => c <= ' ' || c >= 127 || c is '<' or '>'))
            return null;
        return text;
    }

    private static void AddAddresses(InternetAddressList list, string value)
    {
        if (InternetAddressList.TryParse(value, out var parsed))
        {
            list.AddRange(parsed!);
            return;
        }
        // Broken lists are common in bounces and spam: keep every address that stands on its own.
        foreach (var piece in value.Split(',', ';'))
        {
            var text = piece.Trim();
            var open = text.LastIndexOf('<');
            var close = text.LastIndexOf('>');
            if (open >= 0 && close > open)
                text = text[(open + 1)..close];
            if (MailboxAddress.TryParse(text.Trim(), out var mailbox))
                list.Add(mailbox!);
        }
    }

    private MimeEntity ReadEntity(List<RawHeader> headers, int bodyStart, int end, ContentType defaultType, int depth)
    {
        ContentType? type = null;
        ContentDisposition? disposition = null;
        string? contentId = null;
        var transfer = ContentEncoding.Default;
        foreach (var header in headers)
        {
            switch (header.Field.ToLowerInvariant())
            {
                case "content-type":
                    type ??= ParameterParser.ParseContentType(header.Value);
                    break;
                case "content-disposition":
                    disposition ??= ParameterParser.ParseDisposition(header.Value);
                    break;
                case "content-id":
                    contentId ??= MessageId(header.Value);
                    break;
                case "content-transfer-encoding":
                    if (transfer == ContentEncoding.Default)
                        transfer = TransferEncodingOf(header.Value);
                    break;
            }
        }
        type ??= defaultType;
        var entity = CreateEntity(type, transfer, bodyStart, end, depth);
        entity.ContentType = type;
        entity.ContentDisposition = disposition;
        entity.ContentId = contentId;
        foreach (var header in headers)
        {
            if (!EntityOwned.Contains(header.Field))
                entity.Headers.Add(header.Field, header.Decoded);
        }
        return entity;
    }

    private MimeEntity CreateEntity(ContentType type, ContentEncoding transfer, int bodyStart, int end, int depth)
    {
        if (type.IsMimeType("multipart", "*") && type.Boundary is { Length: > 0 } boundary && depth < MaxDepth)
        {
            var multipart = new Multipart(type.MediaSubtype);
            var childType = type.IsMimeType("multipart", "digest") ? new ContentType("message", "rfc822") : new ContentType("text", "plain");
            foreach (var (partStart, partEnd) in Parts(boundary, bodyStart, end))
            {
                var headers = new List<RawHeader>();
                var childBody = HeaderBlockReader.Read(data, partStart, partEnd, headers);
                multipart.Add(ReadEntity(headers, childBody, partEnd, Clone(childType), depth + 1));
            }
            return multipart;
        }
        if ((type.IsMimeType("message", "rfc822") || type.IsMimeType("message", "global")) && depth < MaxDepth)
        {
            var part = new MessagePart(type.MediaSubtype);
            if (transfer is ContentEncoding.Base64 or ContentEncoding.QuotedPrintable)
            {
                // An encoded embedded message (not allowed by RFC 2046, sent anyway): decode, then read on its own.
                var inner = new MimeReader(Decode(transfer, bodyStart, end));
                part.Message = inner.ReadMessage(0, inner.data.Length, depth + 1);
            }
            else
                part.Message = ReadMessage(bodyStart, end, depth + 1);
            return part;
        }
        MimePart leaf;
        if (type.IsMimeType("message", "delivery-status") || type.IsMimeType("message", "global-delivery-status"))
            leaf = new MessageDeliveryStatus();
        else if (type.IsMimeType("text", "*"))
            leaf = new TextPart(type.MediaSubtype);
        else
            leaf = new MimePart(type);
        leaf.Content = new MimeContent(Decode(transfer, bodyStart, end));
        leaf.ContentTransferEncoding = transfer;
        return leaf;
    }

    private static ContentType Clone(ContentType type) => new(type.MediaType, type.MediaSubtype);

    private byte[] Decode(ContentEncoding transfer, int start, int end)
    {
        var raw = data.AsSpan(start, Math.Max(0, end - start));
        return transfer switch
        {
            ContentEncoding.Base64 => TransferDecoder.Base64(raw),
            ContentEncoding.QuotedPrintable => TransferDecoder.QuotedPrintable(raw),
            _ => raw.ToArray(),
        };
    }

    private static ContentEncoding TransferEncodingOf(string value) => value.Trim().ToLowerInvariant() switch
    {
        "base64" => ContentEncoding.Base64,
        "quoted-printable" => ContentEncoding.QuotedPrintable,
        "7bit" => ContentEncoding.SevenBit,
        "8bit" => ContentEncoding.EightBit,
        "binary" => ContentEncoding.Binary,
        _ => ContentEncoding.Default,
    };

    /// <summary>
    /// The byte ranges of the body parts between delimiter lines (RFC 2046 §5.1.1): the line break before a
    /// delimiter belongs to it; the preamble and epilogue are dropped; a missing close delimiter ends the last part at the end.
    /// </summary>
    private List<(int Start, int End)> Parts(string boundary, int start, int end)
    {
        var parts = new List<(int, int)>();
        var delimiter = Encoding.ASCII.GetBytes("--" + boundary);
        var partStart = -1;
        var pos = start;
        while (pos < end)
        {
            var span = data.AsSpan(pos, end - pos);
            var lf = span.IndexOf((byte)'\n');
            var next = lf < 0 ? end : pos + lf + 1;
            var line = lf < 0 ? span : span[..lf];
            if (line.StartsWith(delimiter) && IsDelimiterRest(line[delimiter.Length..], out var close))
            {
                if (partStart >= 0)
                {
                    var partEnd = pos;
                    if (partEnd > partStart && data[partEnd - 1] == '\n')
                        partEnd--;
                    if (partEnd > partStart && data[partEnd - 1] == '\r')
                        partEnd--;
                    parts.Add((partStart, partEnd));
                }
                if (close)
                    return parts;
                partStart = next;
            }
            pos = next;
        }
        if (partStart >= 0)
        {
            // No close delimiter: the last part ends at the end, less the line break a delimiter would have owned (as Python reads it).
            var partEnd = end;
            partStart = Math.Min(partStart, end);
            if (partEnd > partStart && data[partEnd - 1] == '\n')
                partEnd--;
            if (partEnd > partStart && data[partEnd - 1] == '\r')
                partEnd--;
            parts.Add((partStart, partEnd));
        }
        return parts;
    }

    private static bool IsDelimiterRest(ReadOnlySpan<byte> rest, out bool close)
    {
        close = rest.StartsWith("--"u8);
        if (close)
            rest = rest[2..];
        foreach (var b in rest)
        {
            if (b is not ((byte)' ' or (byte)'\t' or (byte)'\r'))
                return false;
        }
        return true;
    }
}
