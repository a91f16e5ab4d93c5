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
    public async Task Sends_and_schedules_to_a_segment_from_the_command_line_go_to_it_and_are_in_the_activity_log()
    {
        var edition = await LoadEditionAsync();
        var segment = await CecopProcess.RunAsync(Workspace, "segments", "create", "italian-readers", "--name", "Italian readers", "--where", "language=it");
        Assert.True(segment.ExitCode == 0, segment.ToString());

        var scheduled = await CecopProcess.RunAsync(Workspace, "schedule", $"edition:{edition}", "--at", "2030-12-03 10:00", "--segment", "italian-readers");
        Assert.True(scheduled.ExitCode == 0, scheduled.ToString());
        Assert.Contains($"Schedule 1: edition:{edition} at 2030-12-03 10:00 +01:00 Europe/Brussels, to segment:italian-readers.", scheduled.Stdout);
        var recurring = await CecopProcess.RunAsync(Workspace, "schedule", "--publication", "cecop-newsletter", "--cron", "0 0 10 ? * TUE#1", "--segment", "italian-readers");
        Assert.True(recurring.ExitCode == 0, recurring.ToString());
        var unknown = await CecopProcess.RunAsync(Workspace, "schedule", "--publication", "cecop-newsletter", "--cron", "0 0 10 ? * TUE#1", "--segment", "nobody");
        Assert.Equal(1, unknown.ExitCode);
        Assert.Contains("nobody", unknown.Stderr);
        var list = JsonNode.Parse((await CecopProcess.RunAsync(Workspace, "schedules", "list", "--format", "json")).Stdout)!.AsArray();
        Assert.Equal(["segment:italian-readers", "segment:italian-readers"], list.Select(r => r!["schedule"]!["audience"]!.GetValue<string>()));
        Assert.Equal(0, (await CecopProcess.RunAsync(Workspace, "schedules", "cancel", "1")).ExitCode);

        // People 0, 3, 6 and 9 of the twelve read Italian.
        var sent = await CecopProcess.RunAsync(Workspace, "send", $"edition:{edition}", "--now", "--segment", "italian-readers");
        Assert.True(sent.ExitCode == 0, sent.ToString());
        Assert.Contains("to segment:italian-readers, 4 recipients in the ledger", sent.Stdout);
        var recipients = Directory.GetFiles(Workspace.Path("outbox/mailing-1"), "*.eml").Select(f => File.ReadAllText(f)).Select(m => m[(m.IndexOf("\nTo: ", StringComparison.Ordinal) + 5)..].Split('\n')[0].Trim());
        Assert.Equal(["Person 0 <person0@members.example>", "Person 3 <person3@members.example>", "Person 6 <person6@members.example>", "Person 9 <person9@members.example>"], recipients.Order());

        await using var connection = await (await Workspace.OpenDatabaseAsync()).OpenAsync();
        var lines = (await connection.QueryAsync<(string Actor, string Action, string Detail)>("SELECT actor, action, detail FROM activity ORDER BY id")).ToList();
        Assert.Equal(["schedule", "schedule", "cancel-schedule", "send"], lines.Select(l => l.Action));
        Assert.All(lines, l => Assert.Equal($"{Environment.UserName} (command line)", l.Actor));
        Assert.Contains("to segment:italian-readers", lines[0].Detail);
        Assert.Equal("Mailing 1 started now to segment:italian-readers: 4 recipients.", lines[3].Detail);
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
