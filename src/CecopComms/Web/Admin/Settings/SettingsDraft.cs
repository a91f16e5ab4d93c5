using CecopComms.Hosting.Settings;

namespace CecopComms.Web.Admin.Settings;

/// <summary>
/// The settings read from the form, secrets merged in from what is in force, with the problems found: field id →
/// sentence naming the field. <see cref="ServerRows"/> maps each form row to its server (null when the row was left out).
/// </summary>
public sealed record SettingsDraft(
    SmtpSettings Smtp,
    RateSettings Rates,
    DkimSettings Dkim,
    BounceSettings Bounces,
    TrackingSettings Tracking,
    IReadOnlyList<int?> ServerRows,
    IReadOnlyDictionary<string, string> Problems)
{
    /// <summary>
    /// The bounce mailbox is switched on without a user name or password: a problem for saving, not for checking the
    /// connection (a check without them says whether the server answers).
    /// </summary>
    public bool MissingMailboxCredentials { get; init; }

    /// <summary>The sections by name, as <see cref="SettingsStore.SaveAsync"/> takes them.</summary>
    public IReadOnlyDictionary<string, object> Sections => new Dictionary<string, object>
    {
        [SettingsSections.Smtp] = Smtp,
        [SettingsSections.Rates] = Rates,
        [SettingsSections.Dkim] = Dkim,
        [SettingsSections.Bounces] = Bounces,
        [SettingsSections.Tracking] = Tracking,
    };
}
