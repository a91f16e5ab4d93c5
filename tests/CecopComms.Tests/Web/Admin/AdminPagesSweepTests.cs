using CecopComms.Storage;
using CecopComms.Tests.ContentTests;
using CecopComms.Tests.Infrastructure;
using CecopComms.Web;
using CecopComms.Web.Admin;
using Dapper;
using Microsoft.Extensions.Options;
using Microsoft.Playwright;

namespace CecopComms.Tests.Web.Admin;

/// <summary>
/// Every page of the admin area, filled with CECOP's sample audiences, the two demo editions (one sent), the
/// #CoopSkills2023 campaign, channel and past e-mail figures, in Chromium against `cecop serve`:
/// - on a 390 × 844 phone no page scrolls sideways and sign-out is on screen;
/// - axe-core finds no serious or critical violation;
/// - with the keyboard alone, Tab from the top of the page reaches every visible link, button and field, in turn.
/// A page added to the admin area is added to <see cref="Pages"/>; the test fails on a page that is not found.
/// </summary>
public sealed class AdminPagesSweepTests
{
    private const string Password = "correct horse battery staple";

    /// <summary>Every admin page an officer opens, with the sample data's own ids and slugs.</summary>
    private static IReadOnlyList<string> Pages(Seeded data) =>
    [
        "/admin",
        "/admin/audiences",
        "/admin/audiences/subscribers",
        "/admin/audiences/subscribers/new",
        $"/admin/audiences/subscribers/show?email={Uri.EscapeDataString(data.Subscriber)}",
        "/admin/audiences/lists",
        "/admin/audiences/lists/cecop-link",
        "/admin/audiences/organisations",
        $"/admin/audiences/organisations/{data.Organisation}",
        "/admin/audiences/segments",
        "/admin/audiences/segments/italian-members",
        "/admin/audiences/import",
        "/admin/content",
        $"/admin/content/editions/{data.Edition}",
        $"/admin/content/editions/compose?id={data.Edition}",
        $"/admin/content/editions/source?id={data.Edition}",
        $"/admin/content/preview/edition/{data.Edition}",
        "/admin/content/campaigns/coopskills2023",
        "/admin/content/campaign-definition",
        "/admin/content/campaign-definition/coopskills2023",
        "/admin/content/campaign-mailing/coopskills2023",
        "/admin/content/campaign-mailing/coopskills2023/01-launch",
        "/admin/content/editions/compose",
        "/admin/sending",
        $"/admin/sending/mailings/{data.Mailing}",
        "/admin/sending/bounces",
        "/admin/reports",
        "/admin/reports/channels",
        "/admin/reports/past-email",
        "/admin/reports/campaigns/coopskills2023",
        "/admin/activity",
        "/admin/settings",
        "/admin/staff",
        $"/admin/staff/{data.Account}",
    ];

    private sealed record Seeded(string Subscriber, long Organisation, long Edition, long Mailing, long Account);

    [Fact]
    public async Task Every_admin_page_fits_a_phone_passes_axe_and_every_control_is_reached_with_the_keyboard()
    {
        using var workspace = new TempWorkspace();
        var baseUrl = $"http://127.0.0.1:{ServeProcess.FreePort()}";
        workspace.WriteSettings(ServeProcess.Settings(workspace, baseUrl));
        var data = await SeedAsync(workspace);
        await using var serve = await ServeProcess.StartAsync(workspace, baseUrl);
        await using var chromium = await HeadlessChromium.LaunchAsync();
        var pages = Pages(data);
        var problems = new List<string>();

        var desktop = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 1200, Height = 900 } });
        var page = await desktop.NewPageAsync();
        await SignInAsync(page, baseUrl);
        foreach (var path in pages)
        {
            var response = await page.GotoAsync(baseUrl + path);
            if (response?.Status != 200)
            {
                problems.Add($"{path}: HTTP {response?.Status}");
                continue;
            }
            foreach (var violation in await Axe.SeriousViolationsAsync(page)) problems.Add($"{path}: {violation}");
            foreach (var missed in await PageChecks.UnreachedByTabAsync(page)) problems.Add($"{path}: Tab never reaches {missed}");
        }
        await desktop.CloseAsync();

        var phone = await chromium.Browser.NewContextAsync(new BrowserNewContextOptions { ViewportSize = new ViewportSize { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var small = await phone.NewPageAsync();
        await SignInAsync(small, baseUrl);
        foreach (var path in pages)
        {
            await small.GotoAsync(baseUrl + path);
            if (await PageChecks.WiderThanAsync(small, 390) is { } wide) problems.Add($"{path}: {wide}");
            var signOut = await small.Locator("form.signout button").BoundingBoxAsync();
            if (signOut is not { } box || box.X < 0 || box.X + box.Width > 390) problems.Add($"{path}: sign-out is cut off on the phone");
        }
        await phone.CloseAsync();

        Assert.True(problems.Count == 0, string.Join("\n", problems));
        Assert.Equal(0, await serve.StopAsync());
    }

    private static async Task<Seeded> SeedAsync(TempWorkspace workspace)
    {
        var samples = Path.Combine(ContentTestBed.Repository, "samples");
        async Task Run(params string[] args)
        {
            var result = await CecopProcess.RunAsync(workspace, args);
            Assert.True(result.ExitCode == 0, $"cecop {string.Join(' ', args)}: {result}");
        }
        await Run("orgs", "import", Path.Combine(samples, "organisations.csv"));
        await Run("subscribers", "import", Path.Combine(samples, "members-contacts.csv"), "--list", "cecop-link");
        await Run("subscribers", "import", Path.Combine(samples, "public-subscribers.csv"), "--list", "external-newsletter");
        await Run("segments", "create", "italian-members", "--name", "Contacts of Italian member organisations", "--where", "country=IT", "--where", "list=cecop-link");
        await Run("editions", "load", Path.Combine(ContentTestBed.Repository, "editions", "cecop-link-2021-06.yaml"));
        await Run("editions", "load", Path.Combine(ContentTestBed.Repository, "editions", "cecop-newsletter-2021-06.yaml"));
        await Run("campaigns", "load", Path.Combine(ContentTestBed.Repository, "campaigns", "coopskills2023"));
        await Run("send", "edition:2", "--now");
        await Run("channels", "import", Path.Combine(samples, "channels.csv"));
        await Run("past-email", "set", "2022", "subscribers", "3100", "--source", "CECOP activity report 2022");

        var database = workspace.NewDatabase();
        var account = await new UserStore(database, TimeProvider.System, Options.Create(new WebOptions()))
            .AddAsync("admin@cecop.example", "Ada", "admin", Password, CancellationToken.None, iterations: 10_000);
        await using var connection = await database.OpenAsync();
        return new Seeded(
            await connection.QuerySingleAsync<string>("SELECT email FROM subscribers ORDER BY id LIMIT 1"),
            await connection.QuerySingleAsync<long>("SELECT id FROM organisations ORDER BY id LIMIT 1"),
            await connection.QuerySingleAsync<long>("SELECT id FROM editions WHERE state = 'draft' ORDER BY id LIMIT 1"),
            await connection.QuerySingleAsync<long>("SELECT id FROM mailings ORDER BY id LIMIT 1"),
            account.Id);
    }

    private static async Task SignInAsync(IPage page, string baseUrl)
    {
        await page.GotoAsync(baseUrl + "/admin/login");
        await page.FillAsync("#email", "admin@cecop.example");
        await page.FillAsync("#password", Password);
        var arrived = page.WaitForURLAsync(baseUrl + "/admin");
        await page.PressAsync("#password", "Enter");
        await arrived;
    }
}
