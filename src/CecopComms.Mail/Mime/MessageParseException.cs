namespace CecopComms.Mail.Mime;

/// <summary>Thrown when a stream is not an email message at all, or is larger than the parser accepts; the message names the line.</summary>
public class MessageParseException : ParseException
{
    /// <summary>Creates the exception.</summary>
    /// <param name="message">What is wrong, as a sentence.</param>
    /// <param name="lineNumber">The line (from 1) where the problem is, or 0 when it concerns the whole input.</param>
    public MessageParseException(string message, int lineNumber) : base(message, 0, lineNumber) => LineNumber = lineNumber;

    /// <summary>The line (from 1) where the problem is, or 0 when it concerns the whole input (empty, too large).</summary>
    public int LineNumber { get; }
}
