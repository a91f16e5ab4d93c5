using System.Diagnostics;
using System.Globalization;
using CecopComms.Mail.Mime;
using CecopComms.Mail.Smtp;

namespace CecopComms.Bench.Smtp;

/// <summary>
/// Sends N newsletters of about 20 KB to Postfix's smtp-sink over 1, 4 and 16 connections (one SmtpClient per
/// connection, each reusing its message), with and without DKIM signing, then lets Postfix's own smtp-source send
/// the same load to the same kind of sink for comparison. Options: --messages N (20000), --connections 1,4,16.
/// </summary>
public sealed class SmtpBenchmark : IBenchmark
{
    public string Name => "smtp";

    public string Description => "SmtpClient messages/s to Postfix smtp-sink over 1/4/16 connections, ±DKIM, vs smtp-source";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var messages = int.Parse(Option(args, "--messages") ?? "20000", CultureInfo.InvariantCulture);
        var connections = (Option(args, "--connections") ?? "1,4,16").Split(',').Select(int.Parse).ToArray();
        using var signing = MessageSigning.Create();

        var size = Measure(NewsletterSample.Create(0));
        Console.WriteLine($"SMTP sending: {messages:N0} messages of {size:N0} bytes, {Environment.ProcessorCount} cores, load {LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        if (signing is null) Console.WriteLine("DKIM: DkimSigner is not usable yet, so the DKIM rows are left out.");

        // Warm-up so JIT and tiering do not count against the first row.
        await SendAsync(Math.Min(500, messages), 2, signing, cancellationToken);
        Console.WriteLine($"For scale, MimeMessage.WriteToAsync alone to Stream.Null: {await WriteOnlyRateAsync(Math.Min(5000, messages), cancellationToken):N0} messages/s on one core.");

        Console.WriteLine();
        Console.WriteLine("| connections | DKIM | messages/s | CPU µs/message | bytes allocated/message | smtp-source messages/s | ours vs smtp-source |");
        Console.WriteLine("| ---: | :---: | ---: | ---: | ---: | ---: | ---: |");
        foreach (var count in connections)
        {
            var source = await SmtpSourceAsync(count, messages, cancellationToken);
            foreach (var signer in signing is null ? [null] : new[] { null, signing })
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
        var clients = new List<SmtpClient>();
        for (var i = 0; i < connections; i++)
        {
            var client = new SmtpClient();
            await client.ConnectAsync("127.0.0.1", sink.Port, SecureSocketOptions.None, cancellationToken);
            clients.Add(client);
        }
        var samples = Enumerable.Range(0, connections).Select(NewsletterSample.Create).ToList();
        GC.Collect();

        var allocatedBefore = GC.GetTotalAllocatedBytes(true);
        var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        await Task.WhenAll(clients.Select((client, i) => Task.Run(async () =>
        {
            var share = messages / connections + (i < messages % connections ? 1 : 0);
            for (var m = 0; m < share; m++)
            {
                signing?.Sign(samples[i]);
                await client.SendAsync(samples[i], cancellationToken);
            }
        }, cancellationToken)));
        clock.Stop();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
        var allocated = GC.GetTotalAllocatedBytes(true) - allocatedBefore;

        foreach (var client in clients)
        {
            await client.DisconnectAsync(true, cancellationToken);
            client.Dispose();
        }
        var received = await sink.StopAsync();
        if (received != messages) throw new InvalidOperationException($"smtp-sink counted {received} messages, {messages} were sent.");
        return (messages / clock.Elapsed.TotalSeconds, cpu.TotalMicroseconds / messages, allocated / messages);
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
        message.Prepare(EncodingConstraint.EightBit);
        // Twice the count untimed first: the JIT's optimised code for the encoders arrives only after many calls.
        for (var i = 0; i < 2 * messages; i++) await message.WriteToAsync(FormatOptions.Default, Stream.Null, cancellationToken);
        var clock = Stopwatch.StartNew();
        for (var i = 0; i < messages; i++) await message.WriteToAsync(FormatOptions.Default, Stream.Null, cancellationToken);
        return messages / clock.Elapsed.TotalSeconds;
    }

    private static long Measure(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.EightBit);
        var bytes = new MemoryStream();
        message.WriteTo(FormatOptions.Default, bytes);
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
