using CecopComms.Localization;
using CecopComms.Reach;
using CecopComms.Reach.Channels;
using CecopComms.Web.Admin.Reports;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.Localization;

namespace CecopComms.Web.Pages.Admin.Reports;

/// <summary>
/// Channel figures (followers, website users…) with their sources: the current ones, a form to enter one as `cecop
/// channels set` does, an upload imported by `cecop channels import`'s importer with each refused line shown, and the
/// channels themselves, to add one or rename one as `cecop channels add|rename` do.
/// Everyone reads; only editors and admins change.
/// </summary>
[ResponseCache(NoStore = true, Location = ResponseCacheLocation.None)]
public sealed class ChannelsModel(ChannelFigureStore store, ChannelStore channels, AdminReports reports, IStringLocalizer<StaffText> localizer) : FiguresPageModel
{
    [BindProperty] public string Channel { get; set; } = "";
    [BindProperty] public string Metric { get; set; } = "";
    [BindProperty] public int? Year { get; set; }
    [BindProperty] public string? Value { get; set; }
    [BindProperty] public string? Source { get; set; }
    /// <summary>The name of a channel to add, or the new name of the channel renamed.</summary>
    [BindProperty] public string? Name { get; set; }

    public IReadOnlyList<ChannelFigure> Figures { get; private set; } = [];
    /// <summary>The channels figures are kept for, in report order.</summary>
    public IReadOnlyList<Channel> Channels { get; private set; } = [];

    public Task OnGetAsync(CancellationToken cancellationToken) => LoadAsync(cancellationToken);

    public Task<IActionResult> OnPostSetAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var (year, value) = YearAndValue(Year, Value, localizer);
        var figure = await store.SetAsync(Channel, Metric, year, value, Source ?? "", EnteredBy, cancellationToken);
        // The value is written as the table writes it, with the same separators whatever the server's culture.
        return localizer["{0} {1}: {2} recorded (source: {3}).", figure.Label, figure.Year,
            figure.Value.ToString("N0", System.Globalization.CultureInfo.InvariantCulture), figure.Source].Value;
    }, cancellationToken);

    public Task<IActionResult> OnPostImportAsync(CancellationToken cancellationToken) => ImportAsync(
        (upload, name) => reports.ImportChannelsAsync(upload, name, EnteredBy, cancellationToken),
        localizer["Choose a CSV file with the columns channel, metric, year, value and source."], cancellationToken);

    public Task<IActionResult> OnPostAddAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var channel = await channels.AddAsync(Name ?? "", EnteredBy, cancellationToken);
        return localizer["Added the channel {0}. Its figures can be entered now.", channel.Name].Value;
    }, cancellationToken);

    public Task<IActionResult> OnPostRenameAsync(CancellationToken cancellationToken) => ChangeAsync(async () =>
    {
        var before = await channels.FindAsync(Channel, cancellationToken);
        var channel = await channels.RenameAsync(before.Key, Name ?? "", EnteredBy, cancellationToken);
        return localizer["{0} is now named {1}; its figures are shown under the new name.", before.Name, channel.Name].Value;
    }, cancellationToken);

    protected override async Task LoadAsync(CancellationToken cancellationToken)
    {
        Figures = await store.CurrentAsync(null, cancellationToken);
        Channels = await channels.ListAsync(cancellationToken);
    }
}
