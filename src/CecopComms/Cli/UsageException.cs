using CecopComms.Hosting;
namespace CecopComms.Cli;

/// <summary>The command line asks for something that cannot be done as written; the message says what to change.</summary>
public sealed class UsageException(string message) : Exception(message), IUserError;
