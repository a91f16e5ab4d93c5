using System.Diagnostics;
using System.Globalization;
using CecopComms.Delivery;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Bench.Smtp;

/// <summary>
/// Sends N newsletters of about 20 KB to Postfix's smtp-sink over 1, 4 and 16 connections through the application's
/// <see cref="SmtpPoolTransport"/> (MailKit's SmtpClient on a TCP_NODELAY socket from <see cref="SmtpConnector"/>; one
/// task per connection, each reusing its message, prepared for 7-bit as the composer leaves it), with and without DKIM
/// (<see cref="RsaDkimSigner"/>, signed again before every send), then lets Postfix's own smtp-source send the same
/// load to the same kind of sink for comparison. Options: --messages N (20000), --connections 1,4,16.
/// </summary>
public sealed class SmtpBenchmark : IBenchmark
{
    public string Name => "smtp";

    public string Description => "MailKit SmtpClient (SmtpPoolTransport) messages/s to Postfix smtp-sink over 1/4/16 connections, ±DKIM, vs smtp-source";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var messages = int.Parse(Option(args, "--messages") ?? "20000", CultureInfo.InvariantCulture);
        var connections = (Option(args, "--connections") ?? "1,4,16").Split(',').Select(int.Parse).ToArray();
        using var signing = new MessageSigning();

        var size = Measure(NewsletterSample.Create(0));
        Console.WriteLine($"SMTP sending (MailKit {typeof(MailKit.Net.Smtp.SmtpClient).Assembly.GetName().Version}, MimeKit {typeof(MimeMessage).Assembly.GetName().Version}): " +
            $"{messages:N0} messages of {size:N0} bytes, {Environment.ProcessorCount} cores, load {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");

        // Warm-up so JIT and tiering do not count against the first row.
        await SendAsync(Math.Min(500, messages), 2, signing, cancellationToken);
        Console.WriteLine($"For scale, MimeMessage.WriteToAsync alone to Stream.Null: {await WriteOnlyRateAsync(Math.Min(5000, messages), cancellationToken):N0} messages/s on one core.");

        Console.WriteLine();
        Console.WriteLine("| connections | DKIM | messages/s | CPU µs/message | bytes allocated/message | smtp-source messages/s | ours vs smtp-source |");
        Console.WriteLine("| ---: | :---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var count in connections)
        {
            var source = await SmtpSourceAsync(count, messages, cancellationToken);
            foreach (var signer in new[] { null, signing })
            {
                var (rate, cpu, allocated) = await SendAsync(messages, count, signer, cancellationToken);
                Console.WriteLine($"| {count} | {(signer is null ? "no" : "yes")} | {rate:N0} | {cpu:N0} | {allocated:N0} | {source:N0} | {rate / source:P0} |");
            }
        }
        return 0;
    }

    /// <summary>
    /// Sends <paramref name="messages"/> over <paramref name="connections"/> clients; returns messages/s, this process's
    /// CPU time per message (all threads, the sink's excluded: steadier than the rate when the machine is shared)
    /// and bytes allocated per message.
    /// </summary>
    private static async Task<(double Rate, double CpuMicroseconds, long Allocated)> SendAsync(int messages, int connections, MessageSigning? signing, CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync(cancellationToken);
        var transport = new SmtpPoolTransport([new SmtpServerOptions { Host = "127.0.0.1", Port = sink.Port, Security = "None", MaxConnections = connections }]);
        var samples = Enumerable.Range(0, connections).Select(i =>
        {
            var sample = NewsletterSample.Create(i);
            sample.Prepare(EncodingConstraint.SevenBit);
            return new OutgoingMessage(sample, new MailboxAddress(null, $"bounce+{i}@bounces.cecop.example"), (MailboxAddress)sample.To[0], $"bench/{i}");
        }).ToList();
        // One message per connection before the clock starts: the connections are opened beforehand.
        await Task.WhenAll(samples.Select(s => Send(transport, s, cancellationToken)));
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(samples.Select((sample, i) => Task.Run(async () =>
        {
            var share = messages / connections + (i < messages % connections ? 1 : 0);
            for (var m = 0; m < share; m++)
            {
                signing?.Sign(sample.Message);
                await Send(transport, sample, cancellationToken);
            }
        }, cancellationToken)));
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;

        if (transport.ConnectionsOpened != connections) throw new InvalidOperationException($"{transport.ConnectionsOpened} connections were opened, {connections} expected.");
        await transport.DisposeAsync();
        var received = await sink.StopAsync();
        if (received != messages + connections) throw new InvalidOperationException($"smtp-sink counted {received} messages, {messages + connections} were sent.");
        return (messages / clock.Elapsed.TotalSeconds, cpu.TotalMicroseconds / messages, allocated / messages);
    }

    private static async Task Send(SmtpPoolTransport transport, OutgoingMessage message, CancellationToken cancellationToken)
    {
        var result = await transport.SendAsync(message, cancellationToken);
        if (result.Kind != OutcomeKind.Sent) throw new InvalidOperationException($"The sink did not take a message: {result.Kind} {result.Reply}");
    }

    /// <summary>Postfix's smtp-source, sessions kept open (-d), same message count and a 20 KB payload.</summary>
    internal static async Task<double> SmtpSourceAsync(int sessions, int messages, CancellationToken cancellationToken)
    {
        await using var sink = await SmtpSink.StartAsync(cancellationToken);
        var start = new ProcessStartInfo("/usr/sbin/smtp-source") { UseShellExecute = false, RedirectStandardError = true };
        foreach (var arg in (string[])["-d", "-s", $"{sessions}", "-m", $"{messages}", "-l", "20480", $"127.0.0.1:{sink.Port}"]) start.ArgumentList.Add(arg);
        var clock = Stopwatch.StartNew();
        using var process = Process.Start(start)!;
        var errors = await process.StandardError.ReadToEndAsync(cancellationToken);
        await process.WaitForExitAsync(cancellationToken);
        clock.Stop();
        if (process.ExitCode != 0) throw new InvalidOperationException($"smtp-source failed: {errors}");
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static async Task<double> WriteOnlyRateAsync(int messages, CancellationToken cancellationToken)
    {
        var message = NewsletterSample.Create(0);
        message.Prepare(EncodingConstraint.SevenBit);
        // Twice the count untimed first: the JIT's optimised code for the encoders arrives only after many calls.
        for (var i = 0; i < 2 * messages; i++) await message.WriteToAsync(MailMessages.Crlf, Stream.Null, cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) await message.WriteToAsync(MailMessages.Crlf, Stream.Null, cancellationToken);
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static long Measure(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        var bytes = new MemoryStream();
        message.WriteTo(MailMessages.Crlf, bytes);
        return bytes.Length;
    }

    internal static string LoadAverage() =>
        File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "?";

    internal static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
