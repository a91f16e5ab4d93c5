namespace CecopComms.Hosting.Settings;

/// <summary>Named queries of Storage/Sql/{dialect}/settings.sql.</summary>
public sealed class SettingsQueries
{
    public string ListSettings { get; set; } = "";
    public string SaveSetting { get; set; } = "";
    public string SettingsRevision { get; set; } = "";
    public string RaiseSettingsRevision { get; set; } = "";
}
