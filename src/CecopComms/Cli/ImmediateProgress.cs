namespace CecopComms.Cli;

/// <summary>Reports progress on the reporting thread, in order (Progress&lt;T&gt; posts to the thread pool and can reorder).</summary>
public sealed class ImmediateProgress<T>(Action<T> report) : IProgress<T>
{
    public void Report(T value) => report(value);
}
