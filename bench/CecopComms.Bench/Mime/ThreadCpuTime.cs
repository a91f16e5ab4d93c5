using System.Diagnostics;
using System.Runtime.InteropServices;

namespace CecopComms.Bench.Mime;

/// <summary>CPU time of the calling thread (Linux CLOCK_THREAD_CPUTIME_ID); elsewhere the process's, which also counts other threads.</summary>
internal static class ThreadCpuTime
{
    private const int ClockThreadCpuTimeId = 3;

    public static TimeSpan Now()
    {
        if (OperatingSystem.IsLinux() && clock_gettime(ClockThreadCpuTimeId, out var time) == 0)
            return TimeSpan.FromTicks(time.Seconds * TimeSpan.TicksPerSecond + time.Nanoseconds / 100);
        return Process.GetCurrentProcess().TotalProcessorTime;
    }

    [StructLayout(LayoutKind.Sequential)]
    private struct Timespec
    {
        public long Seconds;
        public long Nanoseconds;
    }

    // DllImport, not LibraryImport: the generated marshalling needs unsafe code, which this project does not allow.
    [DllImport("libc")]
    private static extern int clock_gettime(int clockId, out Timespec time);
}
