namespace CecopComms.Reach.Channels;

/// <summary>A refused row of a channel figure file: its physical line (header = 1), the column at fault (empty for the whole row), why.</summary>
public sealed record ChannelImportError(long Line, string Column, string Reason, string Raw)
{
    /// <summary>"line 4, value: the value 'abc' is not a whole number".</summary>
    public override string ToString() => Column.Length > 0 ? $"line {Line}, {Column}: {Reason}" : $"line {Line}: {Reason}";
}
