using Microsoft.Playwright;

namespace CecopComms.Tests.Infrastructure;

/// <summary>
/// Debian's Chromium driven by Microsoft.Playwright, headless, as every browser test here launches it: the system's
/// /usr/bin/chromium (never `playwright install`, which downloads), without its sandbox (tests run as root) and without
/// its background traffic, and with no host name resolving but localhost, so nothing leaves 127.0.0.1.
/// </summary>
public sealed class HeadlessChromium : IAsyncDisposable
{
    public const string ExecutablePath = "/usr/bin/chromium";

    private readonly IPlaywright _playwright;

    private HeadlessChromium(IPlaywright playwright, IBrowser browser) => (_playwright, Browser) = (playwright, browser);

    public IBrowser Browser { get; }

    /// <exception cref="InvalidOperationException">Chromium is not installed (scripts/install-peers.sh installs it).</exception>
    public static async Task<HeadlessChromium> LaunchAsync()
    {
        if (!File.Exists(ExecutablePath))
            throw new InvalidOperationException($"{ExecutablePath} is missing: apt-get install -y --no-install-recommends chromium");
        var playwright = await Playwright.CreateAsync();
        var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            // No name resolves but the loopback's: an image or link in rendered content that points elsewhere (an edition's
            // https://cecop.coop/... picture) fails at once instead of leaving the machine.
            Args = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE localhost, EXCLUDE 127.0.0.1"],
            Env = BrowserEnvironment(),
        });
        return new HeadlessChromium(playwright, browser);
    }

    /// <summary>
    /// The test host's environment without libfaketime: the date tests (`FAKETIME=+400d` with libfaketime in LD_PRELOAD,
    /// see .ci/run) move the clock of the test host and of the processes it starts, but Chromium under libfaketime never
    /// finishes loading a page. The browser only renders what our host serves, so its own clock does not matter.
    /// </summary>
    private static Dictionary<string, string> BrowserEnvironment()
    {
        var environment = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (System.Collections.DictionaryEntry entry in Environment.GetEnvironmentVariables())
        {
            var name = (string)entry.Key;
            if (name is "LD_PRELOAD" or "FAKETIME" or "DONT_FAKE_MONOTONIC") continue;
            environment[name] = (string?)entry.Value ?? "";
        }
        return environment;
    }

    public async ValueTask DisposeAsync()
    {
        await Browser.DisposeAsync();
        _playwright.Dispose();
    }
}
