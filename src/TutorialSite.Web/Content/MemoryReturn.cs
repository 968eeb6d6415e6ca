using System.Runtime.InteropServices;

namespace TutorialSite.Web.Content;

/// <summary>
/// Gives memory back to the machine after a burst of short-lived data: the workstation GC keeps committed what a burst
/// made it grow to (a crawl through the page caches, the first start's highlighting) until a full compacting
/// collection, and glibc keeps what native code freed (Oniguruma, the compressors) in its arenas. At 2,000 tutorials a
/// crawl of every page left ~370 MB resident; given back, ~250 MB (docs/benchmarks.md, "What a crawl leaves in the
/// page cache"). While the burst lasts, a compacting collection at each ask (at most one per <see cref="Between"/>)
/// keeps the dropped pages from piling up: they live long enough to reach generation 2, where background
/// collections free them but leave the heap as large, full of holes (a crawl's end: ~360 MB resident, 70–95 MB of the
/// heap holes; with these collections ~290 MB, for ~0.3 s more pause over a 4 s crawl). One per site, in its services:
/// the page caches ask it when they have dropped pages worth twice their budget, the content's loop after each
/// reload.
/// </summary>
public sealed class MemoryReturn : IDisposable
{
    /// <summary>How long the asks must stop before the memory is given back: the burst is over.</summary>
    public static readonly TimeSpan Quiet = TimeSpan.FromSeconds(5);

    /// <summary>The longest an ask waits while asks keep coming (traffic over more pages than the caches keep).</summary>
    public static readonly TimeSpan LongestWait = TimeSpan.FromSeconds(30);

    /// <summary>The shortest time between two collections while a burst lasts (each pauses the site ~100 ms at 2,000 tutorials).</summary>
    public static readonly TimeSpan Between = TimeSpan.FromSeconds(1);

    private readonly TimeProvider time;
    private readonly Action giveBack;
    private readonly Action compact;
    private readonly ITimer timer;
    private readonly Lock gate = new();
    private DateTimeOffset? firstAsk;
    private DateTimeOffset lastCompacted = DateTimeOffset.MinValue;

    /// <param name="time">The clock of the waits.</param>
    /// <param name="giveBack">What giving back is (<see cref="Now"/>; a test counts).</param>
    /// <param name="compact">The collection while the burst lasts (<see cref="Compact"/>; a test counts).</param>
    public MemoryReturn(TimeProvider time, Action giveBack, Action compact)
    {
        this.time = time;
        this.giveBack = giveBack;
        this.compact = compact;
        timer = time.CreateTimer(_ => GiveBack(), null, Timeout.InfiniteTimeSpan, Timeout.InfiniteTimeSpan);
    }

    /// <summary>
    /// Compacts the heap now, on the asking thread (a blocking collection pauses every thread anyway), unless it did less
    /// than <see cref="Between"/> ago; and gives the memory back once the asks have stopped for <see cref="Quiet"/>, or
    /// <see cref="LongestWait"/> after the first ask not yet answered: once per burst, on a timer's thread.
    /// </summary>
    public void Soon()
    {
        bool compactNow;
        lock (gate)
        {
            var now = time.GetUtcNow();
            firstAsk ??= now;
            var due = TimeSpan.FromTicks(Math.Min(Quiet.Ticks, (firstAsk.Value + LongestWait - now).Ticks));
            timer.Change(due < TimeSpan.Zero ? TimeSpan.Zero : due, Timeout.InfiniteTimeSpan);
            compactNow = now - lastCompacted >= Between;
            if (compactNow)
            {
                lastCompacted = now;
            }
        }
        if (compactNow)
        {
            compact();
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
    /// An aggressive, compacting, blocking full collection: what the burst dropped is freed, the heap closes up behind
    /// it and decommits the rest (a plain compacting one kept ~25 MB more committed at a crawl's end). 60–100 ms at
    /// 2,000 tutorials on two cores; glibc's heap is left for <see cref="Now"/>.
    /// </summary>
    public static void Compact() => GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);

    /// <summary>The collection of <see cref="Compact"/>, then glibc's <c>malloc_trim</c>.</summary>
    public static void Now()
    {
        Compact();
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
