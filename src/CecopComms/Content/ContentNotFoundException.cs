using CecopComms.Hosting;

namespace CecopComms.Content;

/// <summary>No edition, campaign or campaign mailing goes by the id or slug asked for: the user's mistake (exit 1).</summary>
public sealed class ContentNotFoundException(string message) : KeyNotFoundException(message), IUserError;
