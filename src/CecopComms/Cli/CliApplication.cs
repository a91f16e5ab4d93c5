using System.CommandLine;

namespace CecopComms.Cli;

/// <summary>The cecop command line: one root with a command per resource.</summary>
public static class CliApplication
{
    public static RootCommand Create()
    {
        var root = new RootCommand("CecopComms: CECOP's newsletter engine. Exit codes: 0 done, 1 your input needs changing, 2 internal error.")
        {
            CliOptions.Config,
            OrganisationCommands.Create(),
            SubscriberCommands.Create(),
            ListCommands.Create(),
            SegmentCommands.Create(),
            SendCommands.Create(), MailingCommands.Create(), BounceCommands.Create(),
            ScheduleCommands.Create(), ScheduleCommands.List(), ServeCommand.Create(), UserCommands.Create(),
            PublicationCommands.Create(), EditionCommands.Create(), CampaignCommands.Create(),
            ChannelCommands.Create(), PastEmailCommands.Create(),
            ReportCommands.Create(),
            LanguageCommands.Create(),
            StorageCommands.Create(),
        };
        return root;
    }

    public static Task<int> RunAsync(string[] args) => Create().Parse(args).InvokeAsync();
}
