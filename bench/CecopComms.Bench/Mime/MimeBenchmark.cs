using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CecopComms.Bench.Smtp;
using CecopComms.Mail.Dkim;
using CecopComms.Mail.Mime;

namespace CecopComms.Bench.Mime;

/// <summary>
/// Per-message cost of the MIME writer and the DKIM signer on one thread, no network: WriteTo of a prepared
/// message, Prepare from scratch, DkimSigner.Sign, Sign+WriteTo, and the RSA signature alone for scale.
/// Each operation runs in several rounds; the median round is reported as wall and thread CPU microseconds
/// per message (CPU time is the steadier figure on a shared machine: waiting for a core does not count)
/// with bytes allocated per message.
/// Options: --rounds N (7), --messages N per round (2000).
/// </summary>
public sealed class MimeBenchmark : IBenchmark
{
    public string Name => "mime";

    public string Description => "MimeMessage.WriteTo / Prepare / DkimSigner.Sign per-message µs and bytes on a 20 KB newsletter";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = int.Parse(SmtpBenchmark.Option(args, "--rounds") ?? "7", CultureInfo.InvariantCulture);
        var messages = int.Parse(SmtpBenchmark.Option(args, "--messages") ?? "2000", CultureInfo.InvariantCulture);
        using var key = RSA.Create(2048);
        using var signer = new DkimSigner(key, "cecop.example", "news2026");

        Console.WriteLine($"MIME and DKIM, one thread: {rounds} rounds of {messages:N0} messages, median round; " +
                          $"{Environment.ProcessorCount} cores, load {SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var samples = new[] { Sample("newsletter (smtp benchmark's)", () => NewsletterSample.Create(0), signer, key), Sample("multilingual", MultilingualNewsletter.Create, signer, key) };

        // Every operation runs before any is timed, then the JIT is given time to finish its optimised
        // (tier-1) code: otherwise the first rows would be timed on code that is still being instrumented.
        foreach (var (_, _, operations) in samples)
            foreach (var (_, run) in operations)
                for (var i = 0; i < 1000; i++) run();
        Thread.Sleep(1000);

        foreach (var (name, size, operations) in samples)
        {
            Console.WriteLine();
            Console.WriteLine($"{name}: {size:N0} bytes written 7bit");
            Console.WriteLine("| operation | µs/message (wall) | µs/message (thread CPU) | bytes allocated/message |");
            Console.WriteLine("| --- | ---: | ---: | ---: |");
            foreach (var (operation, run) in operations)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var (wall, cpu, allocated) = Measure(run, rounds, messages);
                Console.WriteLine($"| {operation} | {wall:N1} | {cpu:N1} | {allocated:N0} |");
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>The operations timed on one message, prepared for 7bit as DKIM signing and most servers have it.</summary>
    private static (string Name, long Size, (string Name, Action Run)[] Operations) Sample(string name, Func<MimeMessage> create, DkimSigner signer, RSA key)
    {
        var message = create();
        message.Prepare(EncodingConstraint.SevenBit);
        // Signing adds a DKIM-Signature header: the signing rows get their own copy.
        var signedMessage = create();
        var size = WrittenSize(message);
        var digest = SHA256.HashData(new byte[32]);
        var unsigned = new (string, Action)[]
        {
            ("WriteTo (7bit prepared, Stream.Null)", () => message.WriteTo(FormatOptions.Default, Stream.Null)),
            ("WriteToAsync (7bit prepared, Stream.Null)", () => message.WriteToAsync(FormatOptions.Default, Stream.Null).GetAwaiter().GetResult()),
            ("Prepare (7bit, encodings reset first)", () => { ResetEncodings(message.Body); message.Prepare(EncodingConstraint.SevenBit); }),
        };
        var signed = new (string, Action)[]
        {
            ("DkimSigner.Sign", () => signer.Sign(FormatOptions.Default, signedMessage, DkimSigner.DefaultHeaders)),
            ("Sign + WriteToAsync", () =>
            {
                signer.Sign(FormatOptions.Default, signedMessage, DkimSigner.DefaultHeaders);
                signedMessage.WriteToAsync(FormatOptions.Default, Stream.Null).GetAwaiter().GetResult();
            }),
            ("RSA-2048 SignHash alone (for scale)", () => key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
        };
        return (name, size, [.. unsigned, .. signed]);
    }

    /// <summary>Median of <paramref name="rounds"/> rounds.</summary>
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

    private static void ResetEncodings(MimeEntity? entity)
    {
        if (entity is MimePart part) part.ContentTransferEncoding = ContentEncoding.Default;
        if (entity is Multipart multipart)
            foreach (var child in multipart) ResetEncodings(child);
    }

    private static long WrittenSize(MimeMessage message)
    {
        var bytes = new MemoryStream();
        message.WriteTo(FormatOptions.Default, bytes);
        return bytes.Length;
    }
}
