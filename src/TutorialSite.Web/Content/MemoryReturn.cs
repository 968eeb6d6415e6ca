using System.Runtime.InteropServices;

namespace TutorialSite.Web.Content;

/// <summary>
/// Gives memory back to the machine after a burst of short-lived data: the workstation GC keeps committed what a burst
/// made it grow to (a crawl through the page caches, the first start's highlighting) until a full compacting
/// collection, and glibc keeps what native code freed (Oniguruma, the compressors) in its arenas. At 2,000 tutorials a
/// crawl of every page left ~370 MB resident; given back, ~250 MB (docs/benchmarks.md, "What a crawl leaves in the
/// page cache"). One per site, in its services: the page caches ask it when they have dropped pages worth twice
/// their budget, the content's loop after each reload.
/// </summary>
public sealed class MemoryReturn : IDisposable
{
    /// <summary>How long the asks must stop before the memory is given back: the burst is over.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    /// <summary>The longest an ask waits while asks keep coming (traffic over more pages than the caches keep).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    private readonly TimeProvider time;
    private readonly Action giveBack;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private DateTimeOffset? firstAsk;

    /// <param name="time">The clock of the waits.</param>
    /// <param name="giveBack">What giving back is (<see cref="Now"/>; a test counts).</param>
    public MemoryReturn(TimeProvider time, Action giveBack)
    {
        this.time = time;
        this.giveBack = giveBack;
        timer = time.CreateTimer(_ => GiveBack(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Gives the memory back once the asks have stopped for <see cref="Quiet"/>, or <see cref="LongestWait"/> after the
    /// first ask not yet answered: once per burst, on a timer's thread, never on a request's.
    /// </summary>
    public void Soon()
    {
        lock (gate)
        {
            var now = time.GetUtcNow();
            firstAsk ??= now;
            var due = TimeSpan.FromTicks(Math.Min(Quiet.Ticks, (firstAsk.Value + LongestWait - now).Ticks));
            timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
        }
    }

    /// <summary>A site that stops gives nothing back afterwards (its services dispose of it).</summary>
    public void Dispose() => timer.Dispose();

    private void GiveBack()
    {
        lock (gate)
        {
            firstAsk = null;
        }
        giveBack();
    }

    /// <summary>
    /// One aggressive, compacting, blocking collection (it decommits what the heap no longer needs; about 60 ms at
    /// 2,000 tutorials on two cores), then glibc's <c>malloc_trim</c>.
    /// </summary>
    public static void Now()
    {
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>
    /// glibc keeps what native code freed in its per-thread arenas (Oniguruma's: about 60 MB at 2,000 tutorials):
    /// <c>malloc_trim</c> hands it back. Elsewhere (musl, macOS, Windows) there is no such call, and nothing to do.
    /// </summary>
    public static void TrimNativeHeap()
    {
        if (MallocTrimFunction.Value is { } trim)
        {
            trim(0);
        }
    }

    private static readonly Lazy<MallocTrim?> MallocTrimFunction = new(() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out var address)
            ? Marshal.GetDelegateForFunctionPointer<MallocTrim>(address)
            : null);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);
}
