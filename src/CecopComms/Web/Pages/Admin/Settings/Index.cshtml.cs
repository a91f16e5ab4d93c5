using CecopComms.Delivery.Bounces;
using CecopComms.Hosting.Settings;
using CecopComms.Localization;
using CecopComms.Mail;
using CecopComms.Web.Admin;
using CecopComms.Web.Admin.Settings;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.Filters;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Settings;

/// <summary>
/// Settings kept in the database (admins only): how mail leaves and the SMTP servers, sending rates, DKIM, the bounce
/// mailbox and tracking. The files and the environment give the defaults; a section saved here wins and applies without
/// a restart. Passwords and the DKIM key are write-only: the page says whether one is set, never what it is. The two
/// checks try the values on the page, saved or not, and answer in a sentence.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class IndexModel(SettingsEditor editor, SettingsStore store, IStringLocalizer<StaffText> L) : PageModel
{
    [BindProperty] public SettingsForm Form { get; set; } = new();

    /// <summary>The settings in force: which secrets are set, for the page's "set" / "not set".</summary>
    public SettingsDraft InForce { get; private set; } = null!;

    public IReadOnlyDictionary<string, string> Problems { get; private set; } = new Dictionary<string, string>();

    /// <summary>The sentence of a check just run, and whether it worked.</summary>
    public CheckResult? Check { get; private set; }

    public IReadOnlyDictionary<string, StoredSection> Stored => store.Current;

    public SettingsEditor Editor => editor;

    // Every handler of the page, GET included: editors and viewers get 403 (the cookie's Forbid would send them to sign in again).
    public override void OnPageHandlerExecuting(PageHandlerExecutingContext context)
    {
        if (!User.CanAdminister()) context.Result = new StatusCodeResult(StatusCodes.Status403Forbidden);
        InForce = editor.InForce();
    }

    public void OnGet() => Form = editor.Form();

    public async Task<IActionResult> OnPostAsync(CancellationToken cancellationToken)
    {
        var draft = editor.Read(Form);
        if (draft.Problems.Count > 0) return Again(draft);
        var saved = await editor.SaveAsync(draft, User, cancellationToken);
        TempData["Message"] = saved.Count == 0
            ? L["Nothing changed: the settings are as they were."].Value
            : L["Saved: {0}. The changes apply from the next message, connection or mailbox reading; nothing needs restarting.", string.Join(", ", saved)].Value;
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostCheckSmtpAsync(int server, CancellationToken cancellationToken)
    {
        var draft = editor.Read(Form);
        var row = server >= 0 && server < draft.ServerRows.Count ? draft.ServerRows[server] : null;
        if (row is not { } index || draft.Problems.Keys.Any(k => k.StartsWith($"server-{server}-", StringComparison.Ordinal))) return Again(draft, OnlyServer(draft, server));
        return Again(draft, new Dictionary<string, string>(), await SmtpCheck.RunAsync(draft.Smtp.Servers[index], cancellationToken));
    }

    public async Task<IActionResult> OnPostCheckBouncesAsync(CancellationToken cancellationToken)
    {
        var draft = editor.Read(Form);
        // Every problem of the mailbox's fields stops the check (a password moved to another server, a line break in the
        // user name), except only that the credentials are missing, which a check may go without.
        var problems = draft.Problems.Where(p => p.Key.StartsWith("bounce-", StringComparison.Ordinal)
                && !(draft.MissingMailboxCredentials && p.Value == L["Bounce mailbox: reading it needs a user name and a password."]))
            .ToDictionary(p => p.Key, p => p.Value);
        if (problems.Count > 0) return Again(draft, problems);
        var check = await BounceMailboxCheck.RunAsync(new BounceMailboxOptions
        {
            Protocol = draft.Bounces.Protocol, Host = draft.Bounces.Host, Port = draft.Bounces.Port, Security = draft.Bounces.Security,
            User = draft.Bounces.User, Password = draft.Bounces.Password, AcceptInvalidCertificate = draft.Bounces.AcceptInvalidCertificate,
        }, cancellationToken);
        return Again(draft, new Dictionary<string, string>(), check);
    }

    /// <summary>The field's sentence, for its aria-describedby and its paragraph; null when the field is fine.</summary>
    public string? ProblemFor(string field) => Problems.GetValueOrDefault(field);

    private Dictionary<string, string> OnlyServer(SettingsDraft draft, int server)
    {
        var problems = draft.Problems.Where(p => p.Key.StartsWith($"server-{server}-", StringComparison.Ordinal)).ToDictionary(p => p.Key, p => p.Value);
        if (problems.Count == 0) problems[$"server-{server}-host"] = L["There is no server to check in this row: enter its host first."];
        return problems;
    }

    // The page again with what was entered (never a secret) and its problems or the check's sentence; nothing is saved.
    private PageResult Again(SettingsDraft draft, IReadOnlyDictionary<string, string>? problems = null, CheckResult? check = null)
    {
        Problems = problems ?? draft.Problems;
        Check = check;
        Form.DkimNewKey = "";
        Form.BounceNewPassword = "";
        foreach (var server in Form.Servers) server.NewPassword = "";
        if (Form.Servers.All(s => s.Origin >= 0 || !string.IsNullOrWhiteSpace(s.Host))) Form.Servers.Add(new ServerForm());
        return Page();
    }
}
