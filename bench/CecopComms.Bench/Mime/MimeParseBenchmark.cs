using System.Diagnostics;
using System.Globalization;
using CecopComms.Bench.Smtp;
using CecopComms.Delivery.Bounces;
using CecopComms.Mail;
using MimeKit;

namespace CecopComms.Bench.Mime;

/// <summary>
/// Messages read per second by MimeKit's MimeMessage.Load on one thread, no I/O: the 20 KB newsletters MimeKit
/// writes for us (7bit, as a mailbox holds them) and every bounce sample of tests/Samples/Bounces, each also
/// with BounceParser.Parse as the bounce job runs it. Median round; wall and thread CPU, bytes allocated.
/// Options: --rounds N (7), --messages N per round (2000), --samples DIR (tests/Samples/Bounces found upwards from the working directory).
/// </summary>
public sealed class MimeParseBenchmark : IBenchmark
{
    public string Name => "mime-parse";

    public string Description => "MimeMessage.Load (and BounceParser.Parse) messages per second on a 20 KB newsletter and the bounce samples";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = int.Parse(SmtpBenchmark.Option(args, "--rounds") ?? "7", CultureInfo.InvariantCulture);
        var messages = int.Parse(SmtpBenchmark.Option(args, "--messages") ?? "2000", CultureInfo.InvariantCulture);
        var folder = SmtpBenchmark.Option(args, "--samples") ?? FindSamples();
        if (folder is null || !Directory.Exists(folder))
        {
            Console.Error.WriteLine("The bounce samples were not found: run from the repository or pass --samples tests/Samples/Bounces.");
            return Task.FromResult(1);
        }

        var inputs = new List<(string Name, byte[] Data, bool Bounce)>
        {
            ("newsletter (smtp benchmark's)", Written(NewsletterSample.Create(0)), false),
            ("multilingual newsletter", Written(MultilingualNewsletter.Create()), false),
        };
        foreach (var file in Directory.GetFiles(folder, "*.eml").Order())
            inputs.Add((Path.GetFileName(file), File.ReadAllBytes(file), true));

        var rows = new List<(string Name, int Size, string Operation, Action Run)>();
        foreach (var (name, data, bounce) in inputs)
        {
            rows.Add((name, data.Length, "Load", () => MimeMessage.Load(new MemoryStream(data, writable: false))));
            if (bounce)
                rows.Add((name, data.Length, "Load + BounceParser.Parse", () => BounceParser.Parse(MimeMessage.Load(new MemoryStream(data, writable: false)))));
        }

        Console.WriteLine($"MIME parsing (MimeKit {typeof(MimeMessage).Assembly.GetName().Version}), one thread: {rounds} rounds of {messages:N0} messages, median round; " +
                          $"{Environment.ProcessorCount} cores, load {SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        // Warm every path first so no row is timed on code the JIT has not optimised yet.
        foreach (var row in rows)
            for (var i = 0; i < 500; i++) row.Run();
        Thread.Sleep(1000);

        Console.WriteLine();
        Console.WriteLine("| message | bytes | operation | messages/s (wall) | µs/message (thread CPU) | bytes allocated/message |");
        Console.WriteLine("| --- | ---: | --- | ---: | ---: | ---: |");
        foreach (var (name, size, operation, run) in rows)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var (wall, cpu, allocated) = Measure(run, rounds, messages);
            Console.WriteLine($"| {name} | {size:N0} | {operation} | {1_000_000 / wall:N0} | {cpu:N1} | {allocated:N0} |");
        }
        return Task.FromResult(0);
    }

    private static byte[] Written(MimeMessage message)
    {
        message.Prepare(EncodingConstraint.SevenBit);
        var bytes = new MemoryStream();
        message.WriteTo(MailMessages.Crlf, bytes);
        return bytes.ToArray();
    }

    private static string? FindSamples()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            var candidate = Path.Combine(dir.FullName, "tests", "Samples", "Bounces");
            if (Directory.Exists(candidate))
                return candidate;
        }
        return null;
    }

    /// <summary>Median of <paramref name="rounds"/> rounds: wall µs, thread CPU µs and bytes allocated per message.</summary>
    private static (double Wall, double Cpu, long Allocated) Measure(Action run, int rounds, int messages)
    {
        var walls = new double[rounds];
        var cpus = new double[rounds];
        long allocated = 0;
        for (var r = 0; r < rounds; r++)
        {
            GC.Collect();
            var cpuBefore = ThreadCpuTime.Now();
            var allocatedBefore = GC.GetAllocatedBytesForCurrentThread();
            var clock = Stopwatch.StartNew();
            for (var i = 0; i < messages; i++) run();
            clock.Stop();
            allocated = (GC.GetAllocatedBytesForCurrentThread() - allocatedBefore) / messages;
            walls[r] = clock.Elapsed.TotalMicroseconds / messages;
            cpus[r] = (ThreadCpuTime.Now() - cpuBefore).TotalMicroseconds / messages;
        }
        Array.Sort(walls);
        Array.Sort(cpus);
        return (walls[rounds / 2], cpus[rounds / 2], allocated);
    }
}
