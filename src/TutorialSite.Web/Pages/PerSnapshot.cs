using System.Collections.Concurrent;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// Pages kept by path for as long as one content snapshot is current: the first request after a reload starts an
/// empty set, and the old one goes with its snapshot. Lock-free; two requests racing at a reload may each make a set,
/// and one of them wins.
/// </summary>
/// <remarks>
/// A page carries absolute URLs made from the request's scheme and host (its canonical link, its JSON-LD) unless
/// <c>Site__PublicBaseUrl</c> fixes them, so pages are kept per origin: a request with a forged <c>Host</c> header
/// gets a page of its own, never one shared with other readers. Only the first <see cref="MaxOrigins"/> origins of a
/// snapshot are kept, so made-up hosts cannot grow the memory; a request from another is served without the cache.
/// </remarks>
public sealed class PerSnapshot<T>
{
    public const int MaxOrigins = 4;

    private Holder current = new(ContentSnapshot.Empty);

    /// <summary>The pages of the request's origin in <paramref name="snapshot"/>, or null when they are not kept.</summary>
    public ConcurrentDictionary<string, T>? For(ContentSnapshot snapshot, HttpRequest request)
    {
        var held = Volatile.Read(ref current);
        if (!ReferenceEquals(held.Snapshot, snapshot))
        {
            var fresh = new Holder(snapshot);
            held = Interlocked.CompareExchange(ref current, fresh, held) == held ? fresh : Volatile.Read(ref current);
        }
        var origin = (request.Scheme, request.Host.Value ?? "");
        return held.ByOrigin.TryGetValue(origin, out var pages) ? pages
            : held.ByOrigin.Count < MaxOrigins ? held.ByOrigin.GetOrAdd(origin, _ => new(StringComparer.Ordinal))
            : null;
    }

    private sealed class Holder(ContentSnapshot snapshot)
    {
        public ContentSnapshot Snapshot { get; } = snapshot;

        public ConcurrentDictionary<(string Scheme, string Host), ConcurrentDictionary<string, T>> ByOrigin { get; } = new();
    }
}
