using System.Text.Json;
using Microsoft.Playwright;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// axe-core (from npm, tests/CecopComms.Tests/node_modules, installed by scripts/test.sh with `npm ci`) run inside a page:
/// the serious and critical accessibility violations it finds. It is evaluated through the browser's debugging protocol,
/// which the page's Content-Security-Policy does not apply to, so the page is checked as it is served.
/// </summary>
public static class Axe
{
    private static readonly Lazy<string> Source = new(() => File.ReadAllText(Locate()));

    /// <summary>"rule: help (N nodes: selector, …)" for every serious or critical violation on the page; empty when none.</summary>
    public static async Task<IReadOnlyList<string>> SeriousViolationsAsync(IPage page)
    {
        await page.EvaluateAsync(Source.Value);
        var json = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const result = await axe.run(document, { resultTypes: ["violations"] });
              return result.violations
                .filter(v => v.impact === "serious" || v.impact === "critical")
                .map(v => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.length} node(s): ${v.nodes.slice(0, 3).map(n => n.target.join(" ")).join(", ")}`);
            }
            """);
        return json.EnumerateArray().Select(e => e.GetString()!).ToList();
    }

    private static string Locate()
    {
        for (var folder = new DirectoryInfo(AppContext.BaseDirectory); folder is not null; folder = folder.Parent)
        {
            var candidate = Path.Combine(folder.FullName, "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
            candidate = Path.Combine(folder.FullName, "tests", "CecopComms.Tests", "node_modules", "axe-core", "axe.min.js");
            if (File.Exists(candidate)) return candidate;
        }
        throw new FileNotFoundException("axe-core is not installed: run `npm ci --prefix tests/CecopComms.Tests` (scripts/test.sh does).");
    }
}
