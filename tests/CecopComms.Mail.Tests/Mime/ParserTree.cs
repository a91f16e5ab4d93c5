using System.Text.Json.Nodes;
using CecopComms.Mail.Mime;

namespace CecopComms.Mail.Tests.Mime;

/// <summary>Our parsed tree in the JSON shape Peers/parse_tree.py prints for Python's, text line ends made LF.</summary>
internal static class ParserTree
{
    public static JsonObject Of(MimeMessage message) => new()
    {
        ["subject"] = message.Subject,
        ["message_id"] = message.MessageId is null ? null : "<" + message.MessageId + ">",
        ["from"] = new JsonArray([.. message.From.Mailboxes.Select(m => JsonValue.Create(m.Address))]),
        ["to"] = new JsonArray([.. message.To.Mailboxes.Select(m => JsonValue.Create(m.Address))]),
        ["body"] = message.Body is null ? null : Node(message.Body),
    };

    private static JsonObject Node(MimeEntity entity)
    {
        var node = new JsonObject
        {
            ["type"] = entity.ContentType.MimeType,
            ["filename"] = (entity as MimePart)?.FileName,
        };
        switch (entity)
        {
            case Multipart multipart:
                node["children"] = new JsonArray([.. multipart.Select(Node)]);
                break;
            case MessagePart { Message: { } embedded }:
                node["message"] = Of(embedded);
                break;
            case MessageDeliveryStatus status:
                node["groups"] = new JsonArray([.. status.StatusGroups.Select(g =>
                    (JsonNode)new JsonArray([.. g.Select(h => (JsonNode)new JsonArray(h.Field, h.Value))]))]);
                break;
            case TextPart text:
                node["text"] = text.Text;
                break;
            case MimePart part:
                node["bytes_hex"] = part.Content is null ? "" : Convert.ToHexStringLower(part.Content.Data.Span);
                break;
        }
        return node;
    }

    /// <summary>Makes every "text" value LF-only: Python and we keep the line ends as received, and CRLF against LF says nothing.</summary>
    public static JsonNode Normalize(JsonNode node)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach (var (key, value) in obj.ToList())
                {
                    if (key == "text" && value is JsonValue v && v.TryGetValue<string>(out var s))
                        obj[key] = s.Replace("\r\n", "\n");
                    else if (value is not null)
                        Normalize(value);
                }
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is not null)
                        Normalize(item);
                }
                break;
        }
        return node;
    }
}
