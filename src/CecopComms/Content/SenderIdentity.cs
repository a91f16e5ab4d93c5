namespace CecopComms.Content;

/// <summary>Who a publication's mail is from.</summary>
/// <param name="FromName">Display name, e.g. "CECOP Link".</param>
/// <param name="FromAddress">Address, e.g. "link@cecop.coop".</param>
/// <param name="ReplyTo">Reply-To address, when replies go elsewhere.</param>
public sealed record SenderIdentity(string FromName, string FromAddress, string? ReplyTo);
