namespace CecopComms.Tests.Infrastructure;

/// <summary>What a run of the <c>cecop</c> executable gave back.</summary>
public sealed record CecopResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\n--- stdout ---\n{Stdout}\n--- stderr ---\n{Stderr}";
}
