using Microsoft.Extensions.Options;

namespace CecopComms.Hosting.Settings;

/// <summary>
/// IOptions whose Value is always the monitor's current value, for parts that take IOptions and read Value at each use:
/// they follow a settings change without a restart (IOptions of the container keeps its first value forever).
/// </summary>
public sealed class LiveOptions<T>(IOptionsMonitor<T> monitor) : IOptions<T> where T : class
{
    public T Value => monitor.CurrentValue;
}
