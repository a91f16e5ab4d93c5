namespace CecopComms.Hosting;

/// <summary>
/// The command that helps after a refusal ("`cecop editions list` shows them."), kept apart from the refusal's sentence:
/// the web shows <see cref="Exception.Message"/>, a sentence without commands, and the CLI prints the sentence and then
/// its hint (<see cref="ForCli"/>).
/// </summary>
public static class CliHint
{
    private const string Key = "cecop-cli-hint";

    /// <summary>Attaches <paramref name="hint"/>, a sentence naming a command or an option, for the CLI to print after the message.</summary>
    public static TException WithCliHint<TException>(this TException exception, string hint) where TException : Exception
    {
        exception.Data[Key] = hint;
        return exception;
    }

    /// <summary>The message as the CLI prints it: the sentence, then its hint when it has one.</summary>
    public static string ForCli(this Exception exception) =>
        exception.Data[Key] is string hint ? $"{exception.Message} {hint}" : exception.Message;
}
