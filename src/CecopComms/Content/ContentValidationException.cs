using CecopComms.Hosting;

namespace CecopComms.Content;

/// <summary>An edition, campaign or template is not valid. The message lists every problem, each with file:line:column.</summary>
public sealed class ContentValidationException(string message) : Exception(message), IUserError;
