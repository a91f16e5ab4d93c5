namespace CecopComms.Mail;

/// <summary>What a connection check of the settings page found: whether it worked, and the sentence that says so.</summary>
public sealed record CheckResult(bool Worked, string Sentence)
{
    public static CheckResult Failed(string sentence) => new(false, sentence);
}
