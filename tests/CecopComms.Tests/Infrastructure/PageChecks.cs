using System.Text.Json;
using Microsoft.Playwright;

namespace CecopComms.Tests.Infrastructure;

/// <summary>Checks the page sweeps make on every page: reached by the keyboard, and no wider than a phone.</summary>
public static class PageChecks
{
    /// <summary>
    /// Presses Tab from the top of the page until focus comes round again, and returns the visible controls it never
    /// reached (a radio group counts as reached when one of its buttons is, as the keyboard moves within it by arrows).
    /// </summary>
    public static async Task<IReadOnlyList<string>> UnreachedByTabAsync(IPage page)
    {
        var count = await page.EvaluateAsync<int>("""
            () => {
              const selector = "a[href], button, input:not([type=hidden]), select, textarea, summary, [tabindex]";
              const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== "hidden" && !e.closest("[inert]") && !e.disabled
                && e.getAttribute("tabindex") !== "-1" && !folded(e);
              // Inside a closed <details>, only its summary is on screen.
              const folded = e => { const d = e.closest("details:not([open])"); return d !== null && !d.querySelector(":scope > summary")?.contains(e); };
              let n = 0;
              for (const e of document.querySelectorAll(selector)) {
                e.removeAttribute("data-tab-check");
                if (!visible(e)) continue;
                const group = e.type === "radio" && e.name ? "radio:" + e.name : String(n++);
                e.setAttribute("data-tab-check", group);
              }
              document.activeElement?.blur();
              return n;
            }
            """);
        var reached = new HashSet<string>();
        string? first = null;
        for (var i = 0; i < count + 40; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var key = await page.EvaluateAsync<string?>("() => document.activeElement?.getAttribute('data-tab-check') ?? null");
            if (key is null) continue;
            if (key == first) break;
            first ??= key;
            reached.Add(key);
        }
        var all = await page.EvaluateAsync<JsonElement>("""
            () => [...document.querySelectorAll("[data-tab-check]")].map(e => [e.getAttribute("data-tab-check"),
              e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + " \"" + (e.getAttribute("aria-label") || e.textContent || e.value || "").trim().slice(0, 40) + "\""])
            """);
        return all.EnumerateArray().Where(e => !reached.Contains(e[0].GetString()!)).Select(e => e[1].GetString()!).Distinct().ToList();
    }

    /// <summary>
    /// Null when the page is no wider than <paramref name="width"/> pixels; otherwise a sentence naming its width and the
    /// outermost elements that stick out (those whose parent does not).
    /// </summary>
    public static async Task<string?> WiderThanAsync(IPage page, int width)
    {
        var actual = await page.EvaluateAsync<int>("document.documentElement.scrollWidth");
        if (actual <= width) return null;
        var culprits = await page.EvaluateAsync<string>($$"""
            () => [...document.querySelectorAll("body *")].filter(e => e.getBoundingClientRect().right > {{width + 1}} && e.parentElement.getBoundingClientRect().right <= {{width + 1}})
              .slice(0, 3).map(e => e.tagName.toLowerCase() + (e.id ? "#" + e.id : "") + (e.className ? "." + String(e.className).replace(/ /g, ".") : "")
                + " (" + Math.round(e.getBoundingClientRect().right) + " px)").join(", ")
            """);
        return $"{actual} px wide on a {width} px screen, from {culprits}";
    }
}
