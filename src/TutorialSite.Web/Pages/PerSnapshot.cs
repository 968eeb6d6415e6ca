using System.Collections.Concurrent;
using TutorialSite.Web.Content;

namespace TutorialSite.Web.Pages;

/// <summary>
/// Values kept by path for as long as one content snapshot is current: the first request after a reload starts an
/// empty set, and the old one goes with its snapshot. Lock-free; two requests racing at a reload may each make a
/// set, and one of them wins.
/// </summary>
public sealed class PerSnapshot<T>
{
    private Holder current = new(ContentSnapshot.Empty);

    public ConcurrentDictionary<string, T> For(ContentSnapshot snapshot)
    {
        var held = Volatile.Read(ref current);
        if (ReferenceEquals(held.Snapshot, snapshot))
        {
            return held.ByPath;
        }
        var fresh = new Holder(snapshot);
        return (Interlocked.CompareExchange(ref current, fresh, held) == held ? fresh : Volatile.Read(ref current)).ByPath;
    }

    private sealed class Holder(ContentSnapshot snapshot)
    {
        public ContentSnapshot Snapshot { get; } = snapshot;

        public ConcurrentDictionary<string, T> ByPath { get; } = new(StringComparer.Ordinal);
    }
}
