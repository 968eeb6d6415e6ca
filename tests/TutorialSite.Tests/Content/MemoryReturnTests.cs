using Microsoft.Extensions.Time.Testing;

namespace TutorialSite.Tests.Content;

/// <summary>Memory is given back once a burst (a crawl) is over, or at the latest a while after it began: once, not per ask.</summary>
public sealed class MemoryReturnTests
{
    private readonly FakeTimeProvider time = new();
    private int givenBack;

    [Fact]
    public void Soon_GivesBackOnceTheAsksHaveStoppedForTheQuietTime()
    {
        var memory = new MemoryReturn(time, () => givenBack++);

        memory.Soon();
        time.Advance(TimeSpan.FromSeconds(3));
        memory.Soon();
        time.Advance(MemoryReturn.Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Equal(0, givenBack);

        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, givenBack);
        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, givenBack);
    }

    [Fact]
    public void Soon_WhileAsksKeepComing_GivesBackAtTheLongestWaitAfterTheFirst_ThenWaitsAfresh()
    {
        var memory = new MemoryReturn(time, () => givenBack++);

        for (var elapsed = TimeSpan.Zero; elapsed < MemoryReturn.LongestWait; elapsed += TimeSpan.FromSeconds(2))
        {
            memory.Soon();
            time.Advance(TimeSpan.FromSeconds(2));
        }
        Assert.Equal(1, givenBack);

        memory.Soon();
        time.Advance(MemoryReturn.Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Equal(1, givenBack);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(2, givenBack);
    }

    [Fact]
    public void Now_GivesTheHeapBack()
    {
        // Garbage that reached the oldest generation, as dropped pages do: a plain background collection would leave
        // its room committed.
        var garbage = Enumerable.Range(0, 2_000).Select(_ => new byte[50_000]).ToList();
        GC.Collect();
        GC.Collect();
        garbage.Clear();
        var before = GC.GetGCMemoryInfo(GCKind.Any).Index;

        MemoryReturn.Now();

        var after = GC.GetGCMemoryInfo(GCKind.FullBlocking);
        Assert.True(after.Index > before);
        Assert.True(after.Compacted);
        Assert.Equal(GC.MaxGeneration, after.Generation);
    }
}
