namespace CecopComms.Reach.Channels;

/// <summary>Named queries of Storage/Sql/{dialect}/channels.sql.</summary>
public sealed class ChannelQueries
{
    public string InsertFigure { get; set; } = "";
    public string CurrentFigures { get; set; } = "";
    public string FigureHistory { get; set; } = "";
    public string Channels { get; set; } = "";
    public string AddChannel { get; set; } = "";
    public string RenameChannel { get; set; } = "";
}
