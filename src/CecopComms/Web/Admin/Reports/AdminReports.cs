using CecopComms.Reach;
using CecopComms.Reach.Channels;
using CecopComms.Reach.Formats;
using CecopComms.Reach.Past;
using CecopComms.Reach.Reports;
using CecopComms.Scheduling;
using Microsoft.Extensions.Options;

namespace CecopComms.Web.Admin.Reports;

/// <summary>
/// The reports of the admin pages, built exactly as `cecop report year|campaign` and `cecop channels import` build
/// them: the same builders and importer, the time zone of Scheduling:TimeZone and the Tracking:Enabled setting.
/// </summary>
public sealed class AdminReports(YearReportBuilder years, CampaignReportBuilder campaigns, ChannelImporter importer, PastEmailImporter pastImporter,
    IOptions<SchedulingOptions> scheduling, IOptionsMonitor<Delivery.Tracking.TrackingOptions> tracking, TimeProvider time)
{
    /// <summary>The current calendar year in the report time zone: the page's default.</summary>
    public int CurrentYear() => TimeZoneInfo.ConvertTime(time.GetUtcNow(), Zone()).Year;

    /// <summary>The year in numbers for <paramref name="year"/> and the years to compare with, in <paramref name="culture"/>.</summary>
    /// <exception cref="ReachException">A year is outside 2000–2100, or the culture is not one of <see cref="ReportCulture.Names"/>.</exception>
    public Task<YearReport> YearAsync(int year, IReadOnlyList<int> compare, string culture, CancellationToken cancellationToken)
    {
        ReportCulture.Get(culture);
        var zone = Zone();
        return years.BuildAsync(ReportPeriod.CalendarYears(year, compare, zone), zone, ReportCulture.Names.First(n => string.Equals(n, culture, StringComparison.OrdinalIgnoreCase)), Tracking, cancellationToken);
    }

    /// <summary>A campaign's mailings with their figures and its unique reach.</summary>
    /// <exception cref="CecopComms.Content.ContentNotFoundException">There is no campaign with this slug.</exception>
    public Task<CampaignReport> CampaignAsync(string slug, CancellationToken cancellationToken) => campaigns.BuildAsync(slug, Tracking, cancellationToken);

    /// <summary>Imports an uploaded channel figure file with the CLI's importer (see <see cref="ImportUploadAsync"/>).</summary>
    /// <exception cref="CecopComms.Audience.Import.ImportException">The file is empty, UTF-16, or its header lacks one of the five columns.</exception>
    public Task<ChannelImportResult> ImportChannelsAsync(Stream upload, string fileName, string enteredBy, CancellationToken cancellationToken) =>
        ImportUploadAsync(upload, fileName, "channels.csv", path => importer.ImportAsync(path, $"{enteredBy} (import of {Path.GetFileName(path)})", cancellationToken), cancellationToken);

    /// <summary>Imports an uploaded past e-mail figure file with the CLI's importer (see <see cref="ImportUploadAsync"/>).</summary>
    /// <exception cref="CecopComms.Audience.Import.ImportException">The file is empty, UTF-16, or its header lacks one of the five columns.</exception>
    public Task<ChannelImportResult> ImportPastEmailAsync(Stream upload, string fileName, string enteredBy, CancellationToken cancellationToken) =>
        ImportUploadAsync(upload, fileName, "past-email.csv", path => pastImporter.ImportAsync(path, $"{enteredBy} (import of {Path.GetFileName(path)})", cancellationToken), cancellationToken);

    /// <summary>
    /// Writes an upload to a private temporary folder under its own file name (so messages name the file the officer
    /// chose), imports it, and removes it afterwards.
    /// </summary>
    private static async Task<ChannelImportResult> ImportUploadAsync(Stream upload, string fileName, string fallback,
        Func<string, Task<ChannelImportResult>> import, CancellationToken cancellationToken)
    {
        var name = Path.GetFileName(fileName.Replace('\\', '/'));
        if (name.Length == 0 || name.IndexOfAny(Path.GetInvalidFileNameChars()) >= 0) name = fallback;
        var folder = Directory.CreateTempSubdirectory("cecop-figures-");
        try
        {
            var path = Path.Combine(folder.FullName, name);
            await using (var file = File.Create(path))
                await upload.CopyToAsync(file, cancellationToken);
            return await import(path);
        }
        finally
        {
            folder.Delete(recursive: true);
        }
    }

    private bool Tracking => tracking.CurrentValue.Enabled;

    private TimeZoneInfo Zone() => scheduling.Value.Zone;
}
