using System.CommandLine;
using CecopComms.Audience;

namespace CecopComms.Cli;

/// <summary>--confirmed, --consent and --consent-channel: how staff record that a person agreed.</summary>
public sealed record ConsentOptions(Option<bool> Confirmed, Option<string?> Wording, Option<string?> Channel)
{
    public static ConsentOptions Create() => new(
        new Option<bool>("--confirmed") { Description = "Confirm the subscription on double opt-in lists; needs --consent." },
        new Option<string?>("--consent") { Description = "Record consent: the version of the wording the person agreed to." },
        new Option<string?>("--consent-channel") { Description = "Where the consent was given (form, event, e-mail); default: the user running cecop." });

    public void AddTo(Command command)
    {
        command.Options.Add(Confirmed);
        command.Options.Add(Wording);
        command.Options.Add(Channel);
    }

    /// <summary>The consent to record, or null when --consent was not given.</summary>
    public NewConsent? Read(ParseResult parse) =>
        parse.GetValue(Wording) is { } wording
            ? new NewConsent("cli", parse.GetValue(Channel) ?? Environment.UserName, wording.Trim())
            : null;
}
