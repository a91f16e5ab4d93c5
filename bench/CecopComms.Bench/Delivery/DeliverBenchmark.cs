using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using CecopComms.Bench.Mime;
using CecopComms.Bench.Smtp;
using CecopComms.Content;
using CecopComms.Content.Validation;
using CecopComms.Delivery;
using CecopComms.Hosting;
using CecopComms.Mail;
using CecopComms.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CecopComms.Bench.Delivery;

/// <summary>
/// The whole send path, end to end: N subscribers in a fresh SQLite database, a CECOP Newsletter edition of about
/// 20 KB loaded through the content engine, `MailingStarter` writing the ledger, then `MailingSender` rendering each
/// message for its reader, building and DKIM-signing it, sending it over a pool of SMTP connections to Postfix's
/// smtp-sink on 127.0.0.1 and marking its row. Prints messages/s, the duplicate window, peak working set and the
/// managed heap through the run and bytes allocated per message. Then, in the same process on the same edition, each
/// stage alone (render, MIME composition, DKIM, SMTP send over the same number of connections; the ledger is what the
/// end-to-end CPU time leaves), and smtp-source's raw rate at the same concurrency.
/// Options: --recipients N (100000), --connections C (4), --items N (news items, 8: about 20 KB), --no-dkim,
/// --stage-messages N (messages per stage round, 1000; 0 skips the stage breakdown), --write-sample DIR (writes one composed
/// message, sample.eml, and the DKIM public key, dkim.pub.pem, there: for checking the signature with another verifier).
/// </summary>
public sealed class DeliverBenchmark : IBenchmark
{
    public string Name => "deliver";

    public string Description => "end-to-end mailing to smtp-sink: ledger, render, MIME, DKIM, SMTP (--recipients N, --connections C, --no-dkim)";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var recipients = int.Parse(SmtpBenchmark.Option(args, "--recipients") ?? "100000", CultureInfo.InvariantCulture);
        var connections = int.Parse(SmtpBenchmark.Option(args, "--connections") ?? "4", CultureInfo.InvariantCulture);
        var items = int.Parse(SmtpBenchmark.Option(args, "--items") ?? "8", CultureInfo.InvariantCulture);
        var dkim = !args.Contains("--no-dkim");
        var stageMessages = int.Parse(SmtpBenchmark.Option(args, "--stage-messages") ?? "1000", CultureInfo.InvariantCulture);
        var folder = Directory.CreateTempSubdirectory("cecop-bench-deliver-").FullName;
        try
        {
            await using var sink = await SmtpSink.StartAsync(cancellationToken);
            var keyPath = Path.Combine(folder, "dkim.pem");
            using (var key = RSA.Create(2048)) await File.WriteAllTextAsync(keyPath, key.ExportPkcs8PrivateKeyPem(), cancellationToken);
            var settings = new Dictionary<string, string?>
            {
                ["Storage:Path"] = Path.Combine(folder, "cecop.db"),
                ["Delivery:Transport"] = "smtp",
                ["Delivery:Servers:0:Host"] = "127.0.0.1",
                ["Delivery:Servers:0:Port"] = sink.Port.ToString(CultureInfo.InvariantCulture),
                ["Delivery:Servers:0:Security"] = "None",
                ["Delivery:Servers:0:MaxConnections"] = connections.ToString(CultureInfo.InvariantCulture),
                ["Delivery:MessageIdDomain"] = "cecop.example",
                ["Delivery:BounceDomain"] = "bounces.cecop.example",
            };
            if (dkim)
            {
                settings["Delivery:Dkim:Domain"] = "cecop.example";
                settings["Delivery:Dkim:Selector"] = "news2026";
                settings["Delivery:Dkim:KeyPath"] = keyPath;
            }
            await using var services = await AppServices.StartAsync(new ConfigurationBuilder().AddInMemoryCollection(settings).Build(), cancellationToken);
            var generate = Stopwatch.StartNew();
            await SubscriberRows.InsertAsync(services.GetRequiredService<Database>(), recipients, cancellationToken);
            var (edition, compiled) = await services.GetRequiredService<MailingContent>().SaveEditionAsync(new SourceText("bench.yaml", EditionYaml(items)), cancellationToken);
            var size = MessageSize(services, compiled, SmtpBenchmark.Option(args, "--write-sample"), keyPath);
            Console.WriteLine($"deliver: {recipients:N0} recipients generated in {generate.Elapsed.TotalSeconds:N1} s; edition {edition.Id} ({items} items), about {size:N0} bytes per message on the wire; " +
                $"DKIM {(dkim ? "on (RSA-2048, relaxed/relaxed)" : "off")}; {connections} SMTP connections to smtp-sink; {Environment.ProcessorCount} cores, load {SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

            var startedAt = Stopwatch.StartNew();
            var mailing = await services.GetRequiredService<MailingStarter>().StartAsync(new MailingSource(MailingSourceKind.Edition, edition.Id), MailingStatus.Running, cancellationToken);
            var ledgerSeconds = startedAt.Elapsed.TotalSeconds;
            var samples = new MemorySamples(recipients);
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes(true);
            var run = await services.GetRequiredService<MailingSender>().RunAsync(mailing.Id, new ImmediateReport(samples.Take), cancellationToken);
            var total = startedAt.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
            var allocatedPerMessage = (GC.GetTotalAllocatedBytes(true) - allocatedBefore) / Math.Max(1, run.Sent);
            await services.GetRequiredService<IMessageTransport>().DisposeAsync();
            var received = await sink.StopAsync();

            using var process = Process.GetCurrentProcess();
            var cpuPerMessage = cpuSeconds * 1e6 / Math.Max(1, run.Sent);
            Console.WriteLine();
            Console.WriteLine("| recipients | ledger written s | send s | messages/s (send) | messages/s (ledger + send) | CPU s | CPU µs/message | bytes allocated/message | sink received | peak working set MB | managed heap MB at 25/50/75/100 % | duplicate window max / mean ms |");
            Console.WriteLine("| ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | :---: | ---: |");
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"| {recipients:N0} | {ledgerSeconds:N1} | {run.Elapsed.TotalSeconds:N1} | {run.PerSecond:N0} | {run.Sent / total:N0} | {cpuSeconds:N1} | {cpuPerMessage:N0} | {allocatedPerMessage:N0} | {received:N0} | {process.PeakWorkingSet64 / 1048576.0:N0} | {samples} | {run.WindowMaxMilliseconds:N1} / {run.WindowMeanMilliseconds:N2} |"));
            if (received != recipients || run.Status != MailingStatus.Finished)
                Console.WriteLine($"WARNING: mailing {run.Status.ToString().ToLowerInvariant()} ({run.Reason}); the sink counted {received:N0} of {recipients:N0}.");

            if (stageMessages > 0)
                await StageBreakdown.RunAsync(services, compiled, mailing.Id, dkim ? keyPath : null, connections, stageMessages, cpuPerMessage, allocatedPerMessage, cancellationToken);

            var source = await Smtp.SmtpBenchmark.SmtpSourceAsync(connections, Math.Min(recipients, 50_000), cancellationToken);
            Console.WriteLine($"smtp-source -d -s {connections} -l 20480 to a fresh sink ({Math.Min(recipients, 50_000):N0} messages): {source:N0} messages/s; ours {run.PerSecond / source:P0} of it. " +
                "listmonk's default ceiling: 10 workers x 10 messages/s = 100/s.");
            return received == recipients ? 0 : 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    private static long MessageSize(IServiceProvider services, ICompiledMailing compiled, string? sampleFolder, string keyPath)
    {
        var composer = services.GetRequiredService<IMessageComposer>();
        var reader = new RecipientData(1, Guid.NewGuid().ToString(), "reader1@members.example", "Reader One", "en", "Cooperative One", "BE", new Dictionary<string, string?>());
        using var bytes = new MemoryStream();
        composer.Compose(compiled, reader, 1, false).WriteTo(MailMessages.Crlf, bytes);
        if (sampleFolder is not null)
        {
            Directory.CreateDirectory(sampleFolder);
            File.WriteAllBytes(Path.Combine(sampleFolder, "sample.eml"), bytes.ToArray());
            using var key = RSA.Create();
            key.ImportFromPem(File.ReadAllText(keyPath));
            File.WriteAllText(Path.Combine(sampleFolder, "dkim.pub.pem"), key.ExportSubjectPublicKeyInfoPem());
            // And a 7-bit text message with tabs, runs of spaces, blanks at line ends and trailing empty lines: the signer's
            // general canonicalisation path, which quoted-printable bodies do not take.
            var plain = MailMessages.Create(TimeProvider.System, "cecop.example");
            plain.From.Add(new MailboxAddress("Cecop  News", "news@cecop.example"));
            plain.To.Add(new MailboxAddress("Reader", "reader@members.example"));
            plain.Subject = "Spaces\t and  tabs";
            plain.Body = new TextPart("plain") { Text = "Line  one\twith\t \tblanks \nline two   \n \n\t\n\n\n" };
            plain.Prepare(EncodingConstraint.SevenBit);
            new RsaDkimSigner(keyPath, "cecop.example", "news2026", TimeProvider.System).Sign(plain);
            using var plainBytes = File.Create(Path.Combine(sampleFolder, "sample-7bit.eml"));
            plain.WriteTo(MailMessages.Crlf, plainBytes);
        }
        return bytes.Length;
    }

    /// <summary>A CECOP Newsletter edition with <paramref name="items"/> news items, for a message of about 20 KB.</summary>
    private static string EditionYaml(int items)
    {
        var yaml = new StringBuilder("""
            publication: cecop-newsletter
            number: 1
            date: 2026-03-01
            subject:
              en: "Worker and social cooperatives in Europe: spring news"
            intro:
              en: |
                This spring worker and social cooperatives were on the European agenda: the action plan for the
                social economy, the skills of workers who buy out their firms, and social procurement.
            items:

            """);
        string[] tags = ["News", "Publication", "Event", "Position paper", "Press release"];
        for (var i = 0; i < items; i++)
        {
            yaml.Append(CultureInfo.InvariantCulture, $"""
                  - date: 2026-02-{(i % 27) + 1:00}
                    title: "Cooperatives and the European Year of Skills, part {i + 1}"
                    tags: [{tags[i % tags.Length]}]
                    summary: |
                      Member federations from Italy, Spain, France and Poland shared how worker buyouts keep skills and jobs in
                      their regions, how social cooperatives train people far from the labour market, and what the EU should
                      change in public procurement so that cooperatives can compete on quality rather than price alone.
                    link: https://cecop.coop/works/coop-skills-{i + 1}

                """);
        }
        return yaml.ToString();
    }

    /// <summary>Reports on the sender's thread, in order.</summary>
    private sealed class ImmediateReport(Action<SenderProgress> report) : IProgress<SenderProgress>
    {
        public void Report(SenderProgress value) => report(value);
    }

    /// <summary>The managed heap when the send passes 25, 50, 75 and 100 %: flat means memory does not follow the recipients.</summary>
    private sealed class MemorySamples(int total)
    {
        private readonly double?[] _heap = new double?[4];

        public void Take(SenderProgress progress)
        {
            for (var q = 0; q < 4; q++)
                if (_heap[q] is null && progress.Done >= (q + 1) * (long)total / 4) _heap[q] = GC.GetTotalMemory(false) / 1048576.0;
        }

        public override string ToString() => string.Join(" / ", _heap.Select(h => h is { } v ? v.ToString("N0", CultureInfo.InvariantCulture) : "-"));
    }
}
