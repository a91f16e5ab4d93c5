using System.Diagnostics;
using System.Globalization;
using System.Text;
using CecopComms.Content;
using CecopComms.Content.Editions;
using CecopComms.Content.Publications;
using CecopComms.Content.Rendering;
using CecopComms.Content.Validation;

namespace CecopComms.Bench.Rendering;

/// <summary>
/// Personalised renders per second of a CECOP Newsletter edition with 10 news items: subject, HTML with inlined CSS
/// and text for a different reader each time (name, organisation, language among four variants, signed links),
/// on one thread, then with tracking on, then on every core.
/// </summary>
public sealed class RenderBenchmark : IBenchmark
{
    public string Name => "render";

    public string Description => "personalised renders/s of an edition with 10 news items (--seconds N, default 5)";

    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length == 2 && args[0] == "--seconds" ? double.Parse(args[1], CultureInfo.InvariantCulture) : 5;
        var compile = Stopwatch.StartNew();
        var mailing = Compile();
        Console.WriteLine($"compile (4 languages, templates read and checked, CSS inlined): {compile.ElapsedMilliseconds} ms");
        var readers = Enumerable.Range(0, 1000).Select(Reader).ToArray();
        var sample = mailing.Render(readers[0], Links(0, tracking: false));
        Console.WriteLine($"one render: subject {sample.Subject.Length} chars, HTML {Encoding.UTF8.GetByteCount(sample.Html):N0} bytes, text {Encoding.UTF8.GetByteCount(sample.Text):N0} bytes, {mailing.Links.Count} links");

        Measure("1 thread, tracking off", mailing, readers, tracking: false, threads: 1, seconds, cancellationToken);
        Measure("1 thread, tracking on", mailing, readers, tracking: true, threads: 1, seconds, cancellationToken);
        Measure($"{Environment.ProcessorCount} threads, tracking off", mailing, readers, tracking: false, threads: Environment.ProcessorCount, seconds, cancellationToken);
        return Task.FromResult(0);
    }

    private static void Measure(string label, ICompiledMailing mailing, RecipientData[] readers, bool tracking, int threads, double seconds, CancellationToken cancellationToken)
    {
        var links = readers.Select((_, i) => Links(i, tracking)).ToArray();
        for (var i = 0; i < 20_000; i++) mailing.Render(readers[i % readers.Length], links[i % links.Length]);  // warm-up, every language compiled
        var allocated = GC.GetTotalAllocatedBytes(true);
        var gcs = GC.CollectionCount(0);
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var clock = Stopwatch.StartNew();
        var counts = new long[threads];
        Parallel.For(0, threads, new ParallelOptions { MaxDegreeOfParallelism = threads, CancellationToken = cancellationToken }, t =>
        {
            var n = 0L;
            var index = t;
            while (clock.Elapsed.TotalSeconds < seconds)
            {
                for (var k = 0; k < 256; k++, index += threads) mailing.Render(readers[index % readers.Length], links[index % links.Length]);
                n += 256;
            }
            counts[t] = n;
        });
        var elapsed = clock.Elapsed.TotalSeconds;
        var total = counts.Sum();
        var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        Console.WriteLine(
            $"{label,-28} {total / elapsed,10:N0} renders/s  {total / cpuSeconds,10:N0} per CPU-second  {(GC.GetTotalAllocatedBytes(true) - allocated) / (double)total,8:N0} bytes allocated/render  gen0 GCs {GC.CollectionCount(0) - gcs}");
    }

    private static CompiledMailing Compile()
    {
        var folder = Path.Combine(AppContext.BaseDirectory, "templates");
        var diagnostics = new Diagnostics();
        var engine = new TemplateEngine(TemplateSet.Load(folder, "templates", diagnostics));
        var document = EditionReader.Read(new SourceText("bench.yaml", TenItems()), diagnostics)!;
        var publication = new Publication
        {
            Id = 2, Slug = "cecop-newsletter", Name = "CECOP Newsletter", Audience = "list:external-newsletter", Template = "cecop-newsletter",
            FromName = "CECOP Newsletter", FromAddress = "newsletter@cecop.coop", ReplyTo = "communication@cecop.coop",
        };
        return CompiledMailing.Compile(EditionMailing.Define(document, publication, 1, 1), engine, diagnostics);
    }

    // The demo newsletter's subject and intro in four languages, with its items repeated to make ten.
    private static string TenItems()
    {
        var demo = File.ReadAllText(FindDemo());
        var at = demo.IndexOf("items:\n", StringComparison.Ordinal);
        var items = demo[(at + "items:\n".Length)..].Split("\n  - ", StringSplitOptions.RemoveEmptyEntries).Select(i => "  - " + i.TrimStart(' ', '-').TrimStart()).ToList();
        var ten = Enumerable.Range(0, 10).Select(i => items[i % items.Count].TrimEnd('\n') + "\n");
        return demo[..at] + "items:\n" + string.Concat(ten);
    }

    private static string FindDemo()
    {
        foreach (var start in new[] { Environment.CurrentDirectory, AppContext.BaseDirectory })
            for (var folder = new DirectoryInfo(start); folder is not null; folder = folder.Parent)
            {
                var path = Path.Combine(folder.FullName, "editions", "cecop-newsletter-2021-06.yaml");
                if (File.Exists(path)) return path;
            }
        throw new FileNotFoundException("editions/cecop-newsletter-2021-06.yaml was not found above the working directory; run from the repository.");
    }

    private static readonly string[] Languages = ["en", "fr", "it", "es"];

    private static RecipientData Reader(int i) => new(i, Guid.NewGuid().ToString(), $"reader{i}@example.org", $"Reader {i} <&>", Languages[i % 4],
        i % 3 == 0 ? null : $"Cooperative {i}", "BE", new Dictionary<string, string?>());

    private static RecipientLinks Links(int i, bool tracking) => new(
        $"https://cecop.coop/unsubscribe/{i:x8}.signature", $"https://cecop.coop/preferences/{i:x8}.signature",
        tracking ? url => $"https://cecop.coop/t/{i:x8}/{url.Length:x4}.signature" : null,
        tracking ? $"https://cecop.coop/o/{i:x8}.gif" : null);
}
