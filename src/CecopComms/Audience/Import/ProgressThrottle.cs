namespace CecopComms.Audience.Import;

/// <summary>Passes progress on at most ten times a second (by the injected clock), and always at the end.</summary>
internal sealed class ProgressThrottle(IProgress<ImportProgress>? progress, TimeProvider time)
{
    private static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(100);

    private readonly long _started = time.GetTimestamp();
    private long _last = time.GetTimestamp();

    public TimeSpan Elapsed => time.GetElapsedTime(_started);

    public void Report(ImportCounts counts, bool final = false)
    {
        if (progress is null) return;
        var now = time.GetTimestamp();
        if (!final && time.GetElapsedTime(_last, now) < Interval) return;
        _last = now;
        var seconds = time.GetElapsedTime(_started, now).TotalSeconds;
        progress.Report(new ImportProgress(counts.Read, counts.Imported, counts.Rejected, seconds > 0 ? counts.Read / seconds : 0));
    }
}
