using Dapper;
using System.Text.Json.Nodes;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery;

/// <summary>The delivery and scheduling commands as a user runs them: the built cecop, the outbox (the default transport).</summary>
public sealed class DeliveryCommandsTests : WorkspaceTest
{
    private async Task<long> LoadEditionAsync()
    {
        await DeliveryTestBed.AddSubscribersAsync(await Workspace.OpenDatabaseAsync(), 12);
        var loaded = await CecopProcess.RunAsync(Workspace, "editions", "load", Workspace.WriteFile("edition.yaml", Scheduling.SchedulingTestBed.Edition), "--format", "json");
        Assert.True(loaded.ExitCode == 0, loaded.ToString());
        return JsonNode.Parse(loaded.Stdout)!["edition"]!["id"]!.GetValue<long>();
    }

    [Fact]
    public async Task Send_now_writes_the_outbox_and_mailings_show_the_counts()
    {
        var edition = await LoadEditionAsync();

        var test = await CecopProcess.RunAsync(Workspace, "send", $"edition:{edition}", "--test", "editor@cecop.example");
        Assert.True(test.ExitCode == 0, test.ToString());
        var copy = Assert.Single(Directory.GetFiles(Workspace.Path("outbox/test"), "*.eml"));
        Assert.Contains("Subject: [TEST] ", await File.ReadAllTextAsync(copy));

        var sent = await CecopProcess.RunAsync(Workspace, "send", $"edition:{edition}", "--now");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("Mailing 1 finished: 12 sent", sent.Stdout);
        Assert.Equal(12, Directory.GetFiles(Workspace.Path("outbox/mailing-1"), "*.eml").Length);
        // The finished mailing's reach figures are computed at once, so the first report reads them instead of the ledger.
        await using (var connection = await (await Workspace.OpenDatabaseAsync()).OpenAsync())
            Assert.Equal((12L, 12L), await connection.QuerySingleAsync<(long, long)>("SELECT sent, delivered FROM mailing_figures WHERE mailing_id = 1"));

        var list = await CecopProcess.RunAsync(Workspace, "mailings", "list", "--format", "json");
        var mailing = JsonNode.Parse(list.Stdout)!.AsArray().Single()!;
        Assert.Equal(("finished", 12L, 12L), (mailing["status"]!.GetValue<string>(), mailing["total"]!.GetValue<long>(), mailing["sent"]!.GetValue<long>()));
        var show = await CecopProcess.RunAsync(Workspace, "mailings", "show", "1");
        Assert.Contains("finished", show.Stdout);

        var pause = await CecopProcess.RunAsync(Workspace, "mailings", "pause", "1");
        Assert.Equal(1, pause.ExitCode);
        Assert.Contains("Mailing 1 is finished: it cannot be paused.", pause.Stderr);
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "mailings", "show", "99")).ExitCode);
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "send", "edition:1")).ExitCode);
    }

    [Fact]
    public async Task Schedule_at_a_brussels_time_and_list_it()
    {
        var edition = await LoadEditionAsync();

        var made = await CecopProcess.RunAsync(Workspace, "schedule", $"edition:{edition}", "--at", "2030-12-03 10:00");
        Assert.True(made.ExitCode == 0, made.ToString());
        Assert.Contains($"Schedule 1: edition:{edition} at 2030-12-03 10:00 +01:00 Europe/Brussels.", made.Stdout);
        var recurring = await CecopProcess.RunAsync(Workspace, "schedule", "--publication", "cecop-link", "--cron", "0 0 10 ? * TUE#1");
        Assert.True(recurring.ExitCode == 0, recurring.ToString());
        var unknown = await CecopProcess.RunAsync(Workspace, "schedule", "--publication", "cecop-lnk", "--cron", "0 0 10 ? * TUE#1");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("There is no publication 'cecop-lnk'", unknown.Stderr);

        var list = await CecopProcess.RunAsync(Workspace, "schedules", "list", "--format", "json");
        var rows = JsonNode.Parse(list.Stdout)!.AsArray();
        Assert.Equal(2, rows.Count);
        Assert.Equal(new DateTimeOffset(2030, 12, 3, 9, 0, 0, TimeSpan.Zero), rows[0]!["schedule"]!["run_at"]!.GetValue<DateTimeOffset>());
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "schedule", $"edition:{edition}", "--at", "2020-01-01 10:00")).ExitCode);
        Assert.Equal(1, (await CecopProcess.RunAsync(Workspace, "schedule", "--publication", "cecop-link", "--cron", "every tuesday")).ExitCode);
        Assert.Equal(0, (await CecopProcess.RunAsync(Workspace, "schedules", "cancel", "1")).ExitCode);
    }

    [Fact]
    public async Task A_refusal_the_web_shows_as_a_sentence_comes_with_its_command_hint_on_the_command_line()
    {
        var schedule = await CecopProcess.RunAsync(Workspace, "schedules", "cancel", "987654");
        Assert.Equal(1, schedule.ExitCode);
        Assert.Contains("There is no schedule 987654. `cecop schedules list` shows them.", schedule.Stderr);

        var edition = await CecopProcess.RunAsync(Workspace, "send", "edition:987654", "--now");
        Assert.Equal(1, edition.ExitCode);
        Assert.Contains("There is no edition 987654. `cecop editions list` shows them.", edition.Stderr);
    }
}
