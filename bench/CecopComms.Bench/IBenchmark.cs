namespace CecopComms.Bench;

/// <summary>A benchmark that measures something real and prints its figures. Found by reflection.</summary>
public interface IBenchmark
{
    /// <summary>Name used on the command line, e.g. "smtp" or "import".</summary>
    string Name { get; }

    /// <summary>One line saying what it measures.</summary>
    string Description { get; }

    /// <summary>Runs the benchmark; returns the process exit code.</summary>
    Task<int> RunAsync(string[] args, CancellationToken cancellationToken);
}
