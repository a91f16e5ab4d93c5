namespace CecopComms.Mail.Mime;

/// <summary>Thrown when text cannot be parsed (an address, a header); the message says why.</summary>
public class ParseException : FormatException
{
    /// <summary>Creates the exception.</summary>
    public ParseException(string message, int tokenIndex = 0, int errorIndex = 0) : base(message)
    { TokenIndex = tokenIndex; ErrorIndex = errorIndex; }

    /// <summary>Index of the token that could not be parsed.</summary>
    public int TokenIndex { get; }

    /// <summary>Index where the error was found.</summary>
    public int ErrorIndex { get; }
}
