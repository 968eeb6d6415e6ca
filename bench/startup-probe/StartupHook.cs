using System.Diagnostics;
using System.Globalization;

/// <summary>Loaded by the runtime before Main when named in DOTNET_STARTUP_HOOKS; the class must be called this.</summary>
internal static class StartupHook
{
    public static void Initialize()
    {
        var map = $"/tmp/perf-{Environment.ProcessId}.map";
        var probe = new Thread(() =>
        {
            var start = Process.GetCurrentProcess().StartTime;
            while (true)
            {
                using var self = Process.GetCurrentProcess();
                Console.Error.WriteLine(string.Create(CultureInfo.InvariantCulture,
                    $"probe {(DateTime.Now - start).TotalMilliseconds:0} ms: map {(File.Exists(map) ? new FileInfo(map).Length : 0)} methods {System.Runtime.JitInfo.GetCompiledMethodCount()} jit {System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds:0} ms cpu {self.TotalProcessorTime.TotalMilliseconds:0} ms gc {GC.GetTotalPauseDuration().TotalMilliseconds:0} ms gen0 {GC.CollectionCount(0)} gen2 {GC.CollectionCount(2)} alloc {GC.GetTotalAllocatedBytes() >> 20} MB"));
                Thread.Sleep(100);
            }
        })
        { IsBackground = true, Name = "startup probe" };
        probe.Start();
    }
}
