using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace TutorialSite.Tests.Content;

/// <summary>Memory is given back once a burst (a crawl) is over, or at the latest a while after it began: once, not per ask; meanwhile the heap is compacted, at most once a second.</summary>
public sealed class MemoryReturnTests
{
    private readonly FakeTimeProvider time = new();
    private int givenBack;
    private int compacted;

    [Fact]
    public void Soon_GivesBackOnceTheAsksHaveStoppedForTheQuietTime()
    {
        using var memory = Counting();

        memory.Soon();
        time.Advance(TimeSpan.FromSeconds(3));
        memory.Soon();
        AssertGivenBackOnceTheQuietTimeIsOver();

        time.Advance(TimeSpan.FromMinutes(5));
        Assert.Equal(1, givenBack);
    }

    [Fact]
    public void Soon_WhileAsksKeepComing_GivesBackAtTheLongestWaitAfterTheFirst_ThenWaitsAfresh()
    {
        using var memory = Counting();

        for (var elapsed = TimeSpan.Zero; elapsed < MemoryReturn.LongestWait; elapsed += TimeSpan.FromSeconds(2))
        {
            memory.Soon();
            time.Advance(TimeSpan.FromSeconds(2));
        }
        Assert.Equal(1, givenBack);

        memory.Soon();
        AssertGivenBackOnceTheQuietTimeIsOver();
    }

    [Fact]
    public void Soon_WhileTheBurstLasts_CompactsAtOnce_AtMostOncePerInterval()
    {
        using var memory = Counting();

        memory.Soon();
        Assert.Equal(1, compacted);
        // Asks every 100 ms for 3.5 s: one more collection each second, and nothing given back yet.
        for (var i = 0; i < 35; i++)
        {
            time.Advance(TimeSpan.FromMilliseconds(100));
            memory.Soon();
        }
        Assert.Equal(4, compacted);
        Assert.Equal(0, givenBack);

        time.Advance(MemoryReturn.Quiet);
        Assert.Equal(1, givenBack);
        Assert.Equal(4, compacted);
    }

    [Fact]
    public async Task ASite_AsksForTheMemoryBack_OnceAnEditIsLoaded()
    {
        using var content = TempContent.OneTutorial(TempContent.Tutorial("First"));
        await using var factory = new TutorialSiteFactory(content.Root, environment: "Production");
        using var site = WithMemoryReturn(factory);
        var browser = site.CreateClient();
        await browser.GetStringAsync("/c/a");
        time.Advance(MemoryReturn.LongestWait);
        Assert.Equal(0, givenBack);

        content.Write("c/01-a.md", TempContent.Tutorial("Edited"));
        await Eventually.EditServedAsync(async () => (await browser.GetStringAsync("/c/a")).Contains("Edited", StringComparison.Ordinal));
        Assert.Equal(1, compacted);
        time.Advance(MemoryReturn.Quiet);

        Assert.Equal(1, givenBack);
    }

    [Fact]
    public async Task ASite_AsksForTheMemoryBack_WhenACrawlerHasMadeItsPageCacheDropPagesWorthTwiceItsBudget()
    {
        // 80 pages of about 40 kB against half of 1 MB for anonymous readers' pages.
        using var content = new TempContent();
        content.Write("c/_index.md", TempContent.Course("C"));
        var text = string.Join("\n\n", Enumerable.Range(0, 300).Select(i => $"Paragraph {i} of a long lesson, with enough words to weigh something."));
        for (var i = 1; i <= 80; i++)
        {
            content.Write($"c/{i:000}-page-{i}.md", $"---\ntitle: Page {i}\n---\n\n{text}\n");
        }
        await using var factory = new TutorialSiteFactory(content.Root, environment: "Production",
            settings: new Dictionary<string, string?> { ["Site:PageCacheMegabytes"] = "1" });
        using var site = WithMemoryReturn(factory);
        var crawler = site.CreateClient();

        for (var i = 1; i <= 80; i++)
        {
            await crawler.GetStringAsync($"/c/page-{i}");
        }
        Assert.Equal(0, givenBack);
        Assert.Equal(1, compacted); // at the first ask; the test's clock stands still, so not again
        time.Advance(MemoryReturn.Quiet);

        Assert.Equal(1, givenBack);
    }

    /// <summary>After an ask just made: nothing more is given back until <see cref="MemoryReturn.Quiet"/> has passed, then once.</summary>
    private void AssertGivenBackOnceTheQuietTimeIsOver()
    {
        var before = givenBack;
        time.Advance(MemoryReturn.Quiet - TimeSpan.FromMilliseconds(1));
        Assert.Equal(before, givenBack);
        time.Advance(TimeSpan.FromMilliseconds(1));
        Assert.Equal(before + 1, givenBack);
    }

    /// <summary>A <see cref="MemoryReturn"/> on <see cref="time"/> whose giving back and compacting only count.</summary>
    private MemoryReturn Counting() => new(time, () => givenBack++, () => compacted++);

    /// <summary>The site with this test's <see cref="MemoryReturn"/>: its clock is <see cref="time"/>, and giving back only counts.</summary>
    private WebApplicationFactory<Program> WithMemoryReturn(TutorialSiteFactory factory) =>
        factory.WithWebHostBuilder(builder => builder.ConfigureTestServices(services => services.AddSingleton(Counting())));

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
