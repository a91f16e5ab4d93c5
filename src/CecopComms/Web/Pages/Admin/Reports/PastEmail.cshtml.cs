using CecopComms.Localization;
using CecopComms.Reach;
using CecopComms.Reach.Past;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>
/// Past e-mail figures (subscribers at year end, editions sent, people reached) from CECOP's records for the years
/// before CecopComms, each with its source: the current ones, a form to enter one, and an upload imported with each
/// refused line shown, as `cecop past-email set|import` do. Everyone reads; only editors and admins change.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class PastEmailModel(PastEmailFigureStore store, AdminReports reports, IStringLocalizer<StaffText> localizer) : FiguresPageModel
{
    [BindProperty] public int? Year { get; set; }
    /// <summary>A publication's slug, or empty for the mailing list as a whole.</summary>
    [BindProperty] public string? Publication { get; set; }
    /// <summary>subscribers, editions or reach.</summary>
    [BindProperty] public string Figure { get; set; } = "";
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Source { get; set; }

    /// <summary>The entries in use, one per year, publication and figure.</summary>
    public IReadOnlyList<PastEmailFigure> Figures { get; private set; } = [];
    /// <summary>The publications a figure may be entered for.</summary>
    public IReadOnlyList<PastPublication> Publications { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostSetAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var (year, value) = YearAndValue(Year, Value, localizer);
        var figure = await store.SetAsync(year, Publication ?? "", Figure, value, Source ?? "", EnteredBy, cancellationToken);
        return localizer["{0} {1}: {2} recorded (source: {3}).", await LabelAsync(figure, cancellationToken), figure.Year,
            figure.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), figure.Source].Value;
    }, cancellationToken);

    public Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken) => ImportAsync(
        (upload, name) => reports.ImportPastEmailAsync(upload, name, EnteredBy, cancellationToken),
        localizer["Choose a CSV file with the columns year, publication, figure, value and source."], cancellationToken);

    /// <summary>"Editions sent: CECOP Link", "Subscribers at year end: the mailing list as a whole".</summary>
    public string Label(PastEmailFigure figure)
    {
        var what = figure.Figure switch
        {
            "subscribers" => localizer["Subscribers at year end"].Value,
            "editions" => localizer["Editions sent"].Value,
            _ => localizer["People reached"].Value,
        };
        var of = figure.Publication.Length == 0 ? localizer["the mailing list as a whole"].Value
            : Publications.FirstOrDefault(p => p.Slug == figure.Publication)?.Name ?? figure.Publication;
        return $"{what}: {of}";
    }

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Figures = await store.CurrentAsync(null, cancellationToken);
        Publications = await store.PublicationsAsync(cancellationToken);
    }

    private async Task<string> LabelAsync(PastEmailFigure figure, CancellationToken cancellationToken)
    {
        Publications = await store.PublicationsAsync(cancellationToken);
        return Label(figure);
    }
}
