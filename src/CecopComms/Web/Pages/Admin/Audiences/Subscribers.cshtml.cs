using System.Text;
using CecopComms.Audience;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace CecopComms.Web.Pages.Admin.Audiences;

/// <summary>
/// Finds subscribers by e-mail or name, list, status, country and language, 50 a page, and downloads what the filter
/// finds as CSV in the columns of `cecop subscribers export`.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class SubscribersModel(SubscriberSearch search, ListStore lists) : PageModel
{
    /// <summary>People per page.</summary>
    public const int PageSize = 50;

    [BindProperty(SupportsGet = true)] public string? Q { get; set; }
    [BindProperty(SupportsGet = true)] public string? List { get; set; }
    [BindProperty(SupportsGet = true)] public string? Status { get; set; }
    [BindProperty(SupportsGet = true)] public string? Country { get; set; }
    [BindProperty(SupportsGet = true)] public string? Language { get; set; }
    [BindProperty(Name = "p", SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public IReadOnlyList<MailingList> Lists { get; private set; } = [];

    public IReadOnlyList<ExportRow> Rows { get; private set; } = [];

    public long Total { get; private set; }

    public int Pages => (int)Math.Max(1, (Total + PageSize - 1) / PageSize);

    public string? Problem { get; private set; }

    private SubscriberCriteria Criteria => new(Q, List, Status, Country, Language);

    public async Task OnGetAsync(CancellationToken cancellationToken)
    {
        Lists = await lists.ListAsync(cancellationToken);
        PageNumber = Math.Max(1, PageNumber);
        try
        {
            (Rows, Total) = await search.FindAsync(Criteria, PageNumber, PageSize, cancellationToken);
        }
        catch (AudienceException e)
        {
            Problem = e.Message.Split('\n')[0];
        }
    }

    /// <summary>Everyone the filter finds, as CSV (UTF-8 with a byte-order mark for spreadsheet programs).</summary>
    public async Task<IActionResult> OnGetExportAsync(CancellationToken cancellationToken)
    {
        var text = new StringWriter();
        try
        {
            await search.ExportAsync(Criteria, text, cancellationToken);
        }
        catch (AudienceException e)
        {
            return BadRequest(e.Message.Split('\n')[0]);
        }
        var bytes = Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(text.ToString())).ToArray();
        return File(bytes, "text/csv; charset=utf-8", "subscribers.csv");
    }

    /// <summary>The current filter's address for another page or the export.</summary>
    public string Link(int? page = null, string? handler = null)
    {
        var query = new List<string>();
        void Add(string name, string? value) { if (!string.IsNullOrWhiteSpace(value)) query.Add($"{name}={Uri.EscapeDataString(value)}"); }
        Add("handler", handler);
        Add("q", Q);
        Add("list", List);
        Add("status", Status);
        Add("country", Country);
        Add("language", Language);
        if (page is > 1) query.Add($"p={page}");
        return "/admin/audiences/subscribers" + (query.Count > 0 ? "?" + string.Join('&', query) : "");
    }
}
