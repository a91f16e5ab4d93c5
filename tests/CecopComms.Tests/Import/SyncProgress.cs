namespace CecopComms.Tests.Import;

/// <summary>Calls back on the reporting thread, unlike Progress&lt;T&gt;, so a test sees (and can act on) each report at once.</summary>
internal sealed class SyncProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}

internal static class SyncProgress
{
    public static SyncProgress<T> Of<T>(Action<T> report) => new(report);
}
