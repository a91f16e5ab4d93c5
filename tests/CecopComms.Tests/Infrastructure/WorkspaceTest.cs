namespace CecopComms.Tests.Infrastructure;

/// <summary>A test class with a fresh <see cref="TempWorkspace"/> per test, deleted after it.</summary>
public abstract class WorkspaceTest : IDisposable
{
    protected TempWorkspace Workspace { get; } = new();

    public void Dispose()
    {
        Workspace.Dispose();
        GC.SuppressFinalize(this);
    }
}
