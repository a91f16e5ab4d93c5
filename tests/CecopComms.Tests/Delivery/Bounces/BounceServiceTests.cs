using System.Diagnostics;
using System.Text.Json.Nodes;
using CecopComms.Delivery.Bounces;
using CecopComms.Tests.Infrastructure;

namespace CecopComms.Tests.Delivery.Bounces;

/// <summary>The job `cecop serve` runs, and the settings it is checked against.</summary>
public sealed class BounceServiceTests
{
    [Fact]
    public async Task When_enabled_it_reads_the_mailbox_at_start_and_when_disabled_it_does_nothing()
    {
        await using var bed = await BounceTestBed.CreateAsync(subscribers: 2);
        var person = await bed.SubscriberIdAsync(1);
        bed.Dovecot.Deliver(bed.Sample("gmail-no-such-user", person));

        var disabled = bed.Options("imap", "SslOnConnect");
        disabled.Enabled = false;
        using (var idle = new BounceService(bed.Processor(disabled), Microsoft.Extensions.Options.Options.Create(disabled), TimeProvider.System))
        {
            await idle.StartAsync(CancellationToken.None);
            // It ends by itself: nothing runs in the background.
            await idle.ExecuteTask!.WaitAsync(TimeSpan.FromSeconds(10));
            await idle.StopAsync(CancellationToken.None);
        }
        Assert.Equal(1, bed.Dovecot.MessageFiles());

        var enabled = bed.Options("imap", "SslOnConnect");
        using var service = new BounceService(bed.Processor(enabled), Microsoft.Extensions.Options.Options.Create(enabled), TimeProvider.System);
        await service.StartAsync(CancellationToken.None);
        var waited = Stopwatch.StartNew();
        while (bed.Dovecot.MessageFiles() > 0 && waited.Elapsed < TimeSpan.FromSeconds(30)) await Task.Delay(100);
        await service.StopAsync(CancellationToken.None);

        Assert.Equal(0, bed.Dovecot.MessageFiles());
        Assert.Equal("bounced", await bed.StatusAsync(person));
        Assert.False(service.ExecuteTask!.IsFaulted);
    }

    [Fact]
    public async Task Enabled_without_a_server_is_refused_at_start_with_a_sentence_naming_the_setting()
    {
        using var workspace = new TempWorkspace();
        workspace.WriteSettings(new JsonObject
        {
            ["Storage"] = new JsonObject { ["Provider"] = "sqlite", ["Path"] = workspace.DatabasePath },
            ["Bounces"] = new JsonObject { ["Enabled"] = true, ["Protocol"] = "pop4" },
        });

        var result = await CecopProcess.RunAsync(workspace, "bounces", "list");

        Assert.True(result.ExitCode == 1, result.ToString());
        Assert.Contains("Bounces:Protocol must be 'pop3' or 'imap' (the bounce mailbox's protocol).", result.Stderr);
        Assert.Contains("Bounces:Host must name the server of the bounce mailbox when Bounces:Enabled is true.", result.Stderr);
    }
}
