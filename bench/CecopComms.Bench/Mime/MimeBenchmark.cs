using System.Diagnostics;
using System.Globalization;
using System.Security.Cryptography;
using CecopComms.Bench.Smtp;
using CecopComms.Mail;
using MimeKit;
using MimeKit.Cryptography;

namespace CecopComms.Bench.Mime;

/// <summary>
/// Per-message cost of MimeKit's writer and of DKIM signing on one thread, no network: building the body with
/// BodyBuilder and preparing it for 7-bit, WriteTo of a prepared message, Prepare from scratch, the application's
/// <see cref="RsaDkimSigner"/> (MimeKit's DkimSigner signing through .NET's RSA), MimeKit's stock DkimSigner
/// (BouncyCastle's RSA) on the same key for comparison, Sign + WriteToAsync, and the RSA signature alone for scale.
/// Each operation runs in several rounds; the median round is reported as wall and thread CPU microseconds per
/// message (CPU time is the steadier figure on a shared machine: waiting for a core does not count) with bytes
/// allocated per message. Options: --rounds N (7), --messages N per round (2000).
/// </summary>
public sealed class MimeBenchmark : IBenchmark
{
    public string Name => "mime";

    public string Description => "MimeKit WriteTo / Prepare / DKIM Sign (ours and MimeKit's stock signer) per-message µs and bytes on a 20 KB newsletter";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var rounds = int.Parse(SmtpBenchmark.Option(args, "--rounds") ?? "7", CultureInfo.InvariantCulture);
        var messages = int.Parse(SmtpBenchmark.Option(args, "--messages") ?? "2000", CultureInfo.InvariantCulture);
        using var signing = new MessageSigning();
        var stock = new DkimSigner(new MemoryStream(System.Text.Encoding.ASCII.GetBytes(signing.Key.ExportPkcs8PrivateKeyPem())), "cecop.example", "news2026", DkimSignatureAlgorithm.RsaSha256)
        {
            HeaderCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
            BodyCanonicalizationAlgorithm = DkimCanonicalizationAlgorithm.Relaxed,
        };

        Console.WriteLine($"MIME and DKIM (MimeKit {typeof(MimeMessage).Assembly.GetName().Version}), one thread: {rounds} rounds of {messages:N0} messages, median round; " +
                          $"{Environment.ProcessorCount} cores, load {SmtpBenchmark.LoadAverage()}, {DateTime.UtcNow:yyyy-MM-dd HH:mm} UTC");
        var samples = new[]
        {
            Sample("newsletter (smtp benchmark's)", () => NewsletterSample.Create(0), signing, stock),
            Sample("multilingual", MultilingualNewsletter.Create, signing, stock),
        };

        // Every operation runs before any is timed, then the JIT is given time to finish its optimised
        // (tier-1) code: otherwise the first rows would be timed on code that is still being instrumented.
        foreach (var (_, _, operations) in samples)
            foreach (var (name, run) in operations)
                for (var i = 0; i < (name.Contains("stock") ? 50 : 1000); i++) run();
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
                // The BouncyCastle signer is slow: fewer messages, the same rounds.
                var (wall, cpu, allocated) = Measure(run, rounds, operation.Contains("stock") ? Math.Max(1, messages / 10) : messages);
                Console.WriteLine($"| {operation} | {wall:N1} | {cpu:N1} | {allocated:N0} |");
            }
        }
        return Task.FromResult(0);
    }

    /// <summary>The operations timed on one message, prepared for 7bit as the composer leaves it.</summary>
    private static (string Name, long Size, (string Name, Action Run)[] Operations) Sample(string name, Func<MimeMessage> create, MessageSigning signing, DkimSigner stock)
    {
        var message = create();
        message.Prepare(EncodingConstraint.SevenBit);
        // Signing adds a DKIM-Signature header: the signing rows get their own copy.
        var signedMessage = create();
        signedMessage.Prepare(EncodingConstraint.SevenBit);
        var stockMessage = create();
        stockMessage.Prepare(EncodingConstraint.SevenBit);
        var textPart = (TextPart)((Multipart)message.Body!).First();
        var htmlPart = (TextPart)((Multipart)message.Body!).Last();
        var (text, html) = (textPart.Text, htmlPart.Text);
        var size = WrittenSize(message);
        var digest = SHA256.HashData(new byte[32]);
        var unsigned = new (string, Action)[]
        {
            ("BodyBuilder.ToMessageBody + Prepare (7bit)", () =>
            {
                var body = new BodyBuilder { HtmlBody = html, TextBody = text }.ToMessageBody();
                body.Prepare(EncodingConstraint.SevenBit);
            }),
            ("WriteTo (7bit prepared, Stream.Null)", () => message.WriteTo(MailMessages.Crlf, Stream.Null)),
            ("WriteToAsync (7bit prepared, Stream.Null)", () => message.WriteToAsync(MailMessages.Crlf, Stream.Null).GetAwaiter().GetResult()),
            ("Prepare (7bit, encodings reset first)", () => { ResetEncodings(message.Body); message.Prepare(EncodingConstraint.SevenBit); }),
        };
        var signed = new (string, Action)[]
        {
            ("RsaDkimSigner.Sign (ours: .NET RSA)", () => signing.Sign(signedMessage)),
            ("Sign + WriteToAsync", () =>
            {
                signing.Sign(signedMessage);
                signedMessage.WriteToAsync(MailMessages.Crlf, Stream.Null).GetAwaiter().GetResult();
            }),
            ("MimeKit stock DkimSigner.Sign (BouncyCastle RSA)", () =>
            {
                stockMessage.Headers.RemoveAll(HeaderId.DkimSignature);
                stock.Sign(MailMessages.Crlf, stockMessage, RsaDkimSigner.SignedHeaders);
            }),
            ("RSA-2048 SignHash alone (for scale)", () => signing.Key.SignHash(digest, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1)),
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
        message.WriteTo(MailMessages.Crlf, bytes);
        return bytes.Length;
    }
}
