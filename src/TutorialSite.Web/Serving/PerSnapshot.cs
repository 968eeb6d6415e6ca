using System.Collections.Concurrent;
using System.Diagnostics.CodeAnalysis;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Serving;

/// <summary>
/// Pages kept by path for as long as one content snapshot is current, within a memory budget: the first request after
/// a reload starts an empty set, and the old one goes with its snapshot. When the pages kept pass the budget (a
/// crawler walking every page), the least recently used are dropped until a quarter of it is free again; a dropped
/// page is simply rendered again when asked for. Lock-free on the way in; two requests racing at a reload may each
/// make a set, and one of them wins.
/// </summary>
/// <remarks>
/// A page carries absolute URLs made from the request's scheme and host (its canonical link, its JSON-LD) unless
/// <c>Site__PublicBaseUrl</c> fixes them, so pages are kept per origin: a request with a forged <c>Host</c> header
/// gets a page of its own, never one shared with other readers. Only the first <see cref="MaxOrigins"/> origins of a
/// snapshot are kept, so made-up hosts cannot grow the memory; a request from another is served without the cache.
/// </remarks>
/// <param name="budget">The most bytes the pages of one snapshot may take, all origins together.</param>
/// <param name="sizeOf">A page's size in bytes.</param>
/// <param name="manyDropped">
/// Asked each time pages worth twice the budget have been dropped (the site's <see cref="MemoryReturn.Soon"/>): a
/// dropped page lived long enough to reach the GC's oldest generation, where it stays committed until a full
/// compacting collection (a crawl of 2,000 pages: ~100 MB).
/// </param>
public sealed class PerSnapshot<T>(long budget, Func<T, long> sizeOf, Action? manyDropped = null)
{
    public const int MaxOrigins = 4;

    private readonly Counters counters = new();
    private readonly Drops drops = new(budget, manyDropped ?? (() => { }));
    /// <summary>The current snapshot's pages; none before the first request.</summary>
    private Holder? current;

    /// <summary>Look-ups that found a page, since start (for the page-cache metric, read only when it is collected).</summary>
    public long Hits => Volatile.Read(ref counters.Hits);

    /// <summary>Look-ups that found none: the page was rendered.</summary>
    public long Misses => Volatile.Read(ref counters.Misses);

    /// <summary>The pages of the request's origin in <paramref name="snapshot"/>, or null when they are not kept.</summary>
    public Pages? For(ContentSnapshot snapshot, HttpRequest request)
    {
        var held = Volatile.Read(ref current);
        if (held is null || !ReferenceEquals(held.Snapshot, snapshot))
        {
            var fresh = new Holder(snapshot, budget, sizeOf, drops);
            held = Interlocked.CompareExchange(ref current, fresh, held) == held ? fresh : Volatile.Read(ref current)!;
        }
        var origin = (request.Scheme, request.Host.Value ?? "");
        return held.ByOrigin.TryGetValue(origin, out var pages) ? new Pages(held, pages, counters)
            : held.ByOrigin.Count < MaxOrigins ? new Pages(held, held.ByOrigin.GetOrAdd(origin, _ => new(StringComparer.Ordinal)), counters)
            : null;
    }

    /// <summary>The pages of one origin in one snapshot.</summary>
    public readonly struct Pages
    {
        private readonly Holder holder;
        private readonly ConcurrentDictionary<string, Entry> byPath;
        private readonly Counters counters;

        internal Pages(Holder holder, ConcurrentDictionary<string, Entry> byPath, Counters counters) =>
            (this.holder, this.byPath, this.counters) = (holder, byPath, counters);

        /// <summary>
        /// A page kept for <paramref name="path"/> that can be sent (not null), counted as a hit; nothing is counted
        /// otherwise: the request may be for no page at all, and one kept as null is looked up again after routing.
        /// </summary>
        public bool TryGetKept(string path, [NotNullWhen(true)] out T page)
        {
            if (byPath.TryGetValue(path, out var entry) && entry.Page is { } kept)
            {
                Hit(entry);
                page = kept;
                return true;
            }
            page = default!;
            return false;
        }

        /// <summary>A page kept for <paramref name="path"/>, counted as a hit or, when none is, as a miss.</summary>
        public bool TryGetValue(string path, out T page)
        {
            if (byPath.TryGetValue(path, out var entry))
            {
                Hit(entry);
                page = entry.Page;
                return true;
            }
            Interlocked.Increment(ref counters.Misses);
            page = default!;
            return false;
        }

        private void Hit(Entry entry)
        {
            Interlocked.Increment(ref counters.Hits);
            entry.Touch();
        }

        /// <summary>Keeps <paramref name="page"/> unless another request kept one first (returned then); a page larger than the whole budget is not kept.</summary>
        public T GetOrAdd(string path, T page) => holder.Add(byPath, path, page);
    }

    /// <summary>
    /// Two plain counts: an atomic increment is cheaper than a metric's <c>Add</c> with its tags on every request,
    /// and the metric reads them only when an exporter collects (docs/benchmarks.md, "Metrics on and off").
    /// </summary>
    internal sealed class Counters
    {
        public long Hits;
        public long Misses;
    }

    /// <summary>The bytes of pages dropped (all snapshots) since <c>manyDropped</c> was last asked.</summary>
    internal sealed class Drops(long budget, Action manyDropped)
    {
        private long bytes;

        public void Add(long size)
        {
            if (Interlocked.Add(ref bytes, size) > 2 * budget)
            {
                Interlocked.Exchange(ref bytes, 0);
                manyDropped();
            }
        }
    }

    internal sealed class Entry(T page, long size)
    {
        private long lastUsed = Environment.TickCount64;

        public T Page { get; } = page;

        public long Size { get; } = size;

        public long LastUsed => Volatile.Read(ref lastUsed);

        /// <summary>Written at most once a clock tick, so a page many requests read is not a contended write.</summary>
        public void Touch()
        {
            var now = Environment.TickCount64;
            if (Volatile.Read(ref lastUsed) != now)
            {
                Volatile.Write(ref lastUsed, now);
            }
        }
    }

    /// <summary>One snapshot's pages, all origins, and the bytes they take against the budget.</summary>
    internal sealed class Holder(ContentSnapshot snapshot, long budget, Func<T, long> sizeOf, Drops drops)
    {
        private long bytes;
        private int trimming;

        public ContentSnapshot Snapshot { get; } = snapshot;

        public ConcurrentDictionary<(string Scheme, string Host), ConcurrentDictionary<string, Entry>> ByOrigin { get; } = new();

        public T Add(ConcurrentDictionary<string, Entry> byPath, string path, T page)
        {
            var entry = new Entry(page, sizeOf(page));
            if (entry.Size > budget)
            {
                return page;
            }
            var kept = byPath.GetOrAdd(path, entry);
            if (ReferenceEquals(kept, entry) && Interlocked.Add(ref bytes, entry.Size) > budget)
            {
                Trim(budget * 3 / 4);
            }
            return kept.Page;
        }

        /// <summary>Drops the least recently used pages until at most <paramref name="target"/> bytes are kept; one trim at a time.</summary>
        private void Trim(long target)
        {
            if (Interlocked.Exchange(ref trimming, 1) == 1)
            {
                return;
            }
            try
            {
                var oldestFirst = ByOrigin.Values.SelectMany(pages => pages.Select(page => (Pages: pages, page)))
                    .OrderBy(p => p.page.Value.LastUsed).ToList();
                foreach (var (pages, page) in oldestFirst)
                {
                    if (Volatile.Read(ref bytes) <= target)
                    {
                        break;
                    }
                    if (pages.TryRemove(page))
                    {
                        Interlocked.Add(ref bytes, -page.Value.Size);
                        drops.Add(page.Value.Size);
                    }
                }
            }
            finally
            {
                Volatile.Write(ref trimming, 0);
            }
        }
    }
}

/// <summary>
/// <c>Site__PageCacheMegabytes</c> (<see cref="SiteOptions.PageCacheMegabytes"/>): the memory rendered pages may keep
/// between requests, half for anonymous readers' pages (<see cref="AnonymousPageCache"/>), half for learners' page
/// templates (<see cref="LearnerPageTemplate"/>).
/// </summary>
public static class PageCacheBudget
{
    /// <summary>Each cache's half of the budget, in bytes.</summary>
    public static long Half(IServiceProvider services) =>
        services.GetRequiredService<Microsoft.Extensions.Options.IOptions<SiteOptions>>().Value.PageCacheMegabytes * 1024L * 1024 / 2;
}
