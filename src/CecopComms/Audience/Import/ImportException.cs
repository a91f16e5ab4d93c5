using CecopComms.Hosting;
namespace CecopComms.Audience.Import;

/// <summary>
/// The whole file cannot be imported: it is missing, has no header row, lacks a required column, or names an unknown
/// list. The message is a sentence naming the file (and the column), fit to show as it is.
/// </summary>
public sealed class ImportException : Exception, IUserError
{
    public ImportException(string message) : base(message) { }

    public ImportException(string message, Exception inner) : base(message, inner) { }
}
