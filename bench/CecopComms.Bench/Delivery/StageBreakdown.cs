using System.Diagnostics;
using System.Globalization;
using CecopComms.Bench.Mime;
using CecopComms.Bench.Smtp;
using CecopComms.Content;
using CecopComms.Delivery;
using CecopComms.Mail;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using MimeKit;

namespace CecopComms.Bench.Delivery;

/// <summary>
/// Where a delivered message's time goes: after the end-to-end run, in the same process and on the same edition, each
/// stage alone on N readers shaped like the ledger's — render (unsubscribe token, signed links, the compiled mailing's
/// Render), compose (the application's MessageComposer without a signer: render plus the MIME message prepared for 7-bit),
/// DKIM (<see cref="RsaDkimSigner"/> on those messages), SMTP (sending the signed messages through a fresh
/// <see cref="SmtpPoolTransport"/> over the same number of connections to a fresh smtp-sink). Render, compose and DKIM run
/// on one thread and are timed in that thread's CPU; SMTP in the process's CPU (client side; the sink is another process).
/// The ledger (claims, the fence before each handoff, the commit of each outcome) and the rest of the sender (workers,
/// channels, GC) are what the end-to-end CPU per message leaves. Each stage is the median of three rounds.
/// </summary>
internal static class StageBreakdown
{
    private static readonly string[] Languages = ["en", "fr", "it", "es", "pl", "pt"];

    public static async Task RunAsync(IServiceProvider services, ICompiledMailing compiled, long mailingId, string? keyPath, int connections, int count,
        double endToEndCpuMicroseconds, long endToEndAllocated, CancellationToken cancellationToken)
    {
        var links = services.GetRequiredService<RecipientLinkFactory>();
        var composer = new MessageComposer(links, services.GetRequiredService<BounceAddress>(), services.GetRequiredService<IOptions<DeliveryOptions>>(), TimeProvider.System);
        var signer = keyPath is null ? null : new RsaDkimSigner(keyPath, "cecop.example", "news2026", TimeProvider.System);
        var bounces = services.GetRequiredService<BounceAddress>();
        var readers = Enumerable.Range(0, count).Select(i => new RecipientData(i + 1, Guid.NewGuid().ToString(), $"reader{i}@members{i % 50}.example", $"Reader {i}",
            Languages[i % Languages.Length], null, null, new Dictionary<string, string?>())).ToArray();
        var messages = new MimeMessage[count];

        var render = new List<(double Cpu, long Bytes)>();
        var compose = new List<(double Cpu, long Bytes)>();
        var sign = new List<(double Cpu, long Bytes)>();
        var send = new List<(double Cpu, long Bytes, double Rate)>();
        for (var round = 0; round < 3; round++)
        {
            render.Add(OnThisThread(count, i =>
            {
                var token = links.Token(TokenPurpose.Unsubscribe, readers[i], mailingId);
                compiled.Render(readers[i], links.For(readers[i], mailingId, token));
            }));
            compose.Add(OnThisThread(count, i => messages[i] = composer.Compose(compiled, readers[i], mailingId, test: false)));
            if (signer is not null) sign.Add(OnThisThread(count, i => signer.Sign(messages[i])));
            send.Add(await SendAsync(messages, readers, bounces, mailingId, connections, cancellationToken));
        }

        static T Median<T>(List<T> rounds, Func<T, double> by) => rounds.OrderBy(by).ElementAt(rounds.Count / 2);
        var r = Median(render, x => x.Cpu);
        var c = Median(compose, x => x.Cpu);
        var d = signer is null ? (Cpu: 0.0, Bytes: 0L) : Median(sign, x => x.Cpu);
        var s = Median(send, x => x.Cpu);
        var ledger = endToEndCpuMicroseconds - (c.Cpu + d.Cpu + s.Cpu);
        var ledgerBytes = endToEndAllocated - (c.Bytes + d.Bytes + s.Bytes);

        Console.WriteLine();
        Console.WriteLine($"Stages alone, same process and edition, {count:N0} readers per round, median of 3 rounds (load {SmtpBenchmark.LoadAverage()}):");
        Console.WriteLine("| stage | CPU µs/message | bytes allocated/message |");
        Console.WriteLine("| --- | ---: | ---: |");
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| render (token, links, Render) | {r.Cpu:N1} | {r.Bytes:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| MIME (compose without DKIM, less render) | {c.Cpu - r.Cpu:N1} | {c.Bytes - r.Bytes:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| DKIM (RsaDkimSigner.Sign) | {(signer is null ? "-" : d.Cpu.ToString("N1", CultureInfo.InvariantCulture))} | {(signer is null ? "-" : d.Bytes.ToString("N0", CultureInfo.InvariantCulture))} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| SMTP send, {connections} connections (process CPU; {s.Rate:N0} messages/s alone) | {s.Cpu:N1} | {s.Bytes:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| ledger and the rest (end to end less the stages above) | {ledger:N1} | {ledgerBytes:N0} |"));
        Console.WriteLine(string.Create(CultureInfo.InvariantCulture, $"| end to end (measured) | {endToEndCpuMicroseconds:N1} | {endToEndAllocated:N0} |"));
    }

    /// <summary>Runs <paramref name="action"/> for 0..count-1 on this thread; thread CPU µs and bytes allocated per call.</summary>
    private static (double Cpu, long Bytes) OnThisThread(int count, Action<int> action)
    {
        GC.Collect();
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var cpu = ThreadCpuTime.Now();
        for (var i = 0; i < count; i++) action(i);
        var elapsed = ThreadCpuTime.Now() - cpu;
        return (elapsed.TotalMicroseconds / count, (GC.GetAllocatedBytesForCurrentThread() - allocated) / count);
    }

    private static async Task<(double Cpu, long Bytes, double Rate)> SendAsync(MimeMessage[] messages, RecipientData[] readers, BounceAddress bounces, long mailingId,
        int connections, CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync(cancellationToken);
        var transport = new SmtpPoolTransport([new SmtpServerOptions { Host = "127.0.0.1", Port = sink.Port, Security = "None", MaxConnections = connections }]);
        var outgoing = messages.Select((m, i) => new OutgoingMessage(m, new MailboxAddress(null, bounces.For(mailingId, readers[i].SubscriberId)),
            new MailboxAddress(null, readers[i].Email), $"bench/{i}")).ToArray();
        // Connections opened beforehand, as in the sender's steady state.
        await Task.WhenAll(Enumerable.Range(0, connections).Select(i => transport.SendAsync(outgoing[i], cancellationToken)));
        GC.Collect();
        var next = -1;
        var allocated = GC.GetTotalAllocatedBytes(true);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(Enumerable.Range(0, connections).Select(_ => Task.Run(async () =>
        {
            for (var i = Interlocked.Increment(ref next); i < outgoing.Length; i = Interlocked.Increment(ref next))
            {
                var result = await transport.SendAsync(outgoing[i], cancellationToken);
                if (result.Kind != OutcomeKind.Sent) throw new InvalidOperationException($"The sink did not take a message: {result.Kind} {result.Reply}");
            }
        }, cancellationToken)));
        clock.Stop();
        var cpuSpent = Process.GetCurrentProcess().TotalProcessorTime - cpu;
        var bytes = GC.GetTotalAllocatedBytes(true) - allocated;
        await transport.DisposeAsync();
        var received = await sink.StopAsync();
        if (received != outgoing.Length + connections) throw new InvalidOperationException($"smtp-sink counted {received}, {outgoing.Length + connections} were sent.");
        return (cpuSpent.TotalMicroseconds / outgoing.Length, bytes / outgoing.Length, outgoing.Length / clock.Elapsed.TotalSeconds);
    }
}
