namespace CecopComms.Reach.Channels;

/// <summary>What a channel figure import did: rows read, figures recorded, and each refused row with its line and reason.</summary>
public sealed record ChannelImportResult(int RowsRead, int Imported, IReadOnlyList<ChannelImportError> Errors);
