using Microsoft.AspNetCore.Http;
using TutorialSite.Web.Serving;

namespace TutorialSite.Tests.Serving;

/// <summary>
/// The rendered pages kept between requests stay within <c>Site__PageCacheMegabytes</c>: a crawler walking every page
/// cannot grow the memory, and a page dropped from the cache is rendered again, the same bytes.
/// </summary>
public sealed class PageCacheTests
{
    private static readonly ContentSnapshot Snapshot = new("", [], []);

    [Fact]
    public void PerSnapshot_OverItsBudget_DropsTheLeastRecentlyUsedUntilAQuarterIsFree()
    {
        var cache = new PerSnapshot<string>(budget: 100, sizeOf: page => page.Length);
        var pages = cache.For(Snapshot, Request())!.Value;
        foreach (var path in new[] { "/a", "/b", "/c" })
        {
            pages.GetOrAdd(path, new string('x', 30));
            Thread.Sleep(20); // the clock pages are ordered by ticks in milliseconds
        }
        Assert.True(pages.TryGetValue("/a", out _)); // read again: now the most recently used of the three
        Thread.Sleep(20);

        pages.GetOrAdd("/d", new string('x', 30)); // 120 bytes: /b and /c go, 60 are kept

        Assert.True(pages.TryGetValue("/a", out _));
        Assert.False(pages.TryGetValue("/b", out _));
        Assert.False(pages.TryGetValue("/c", out _));
        Assert.True(pages.TryGetValue("/d", out _));
    }

    [Fact]
    public void PerSnapshot_AsksForTheMemoryBack_EachTimeItHasDroppedPagesWorthTwiceItsBudget()
    {
        var asked = 0;
        var cache = new PerSnapshot<string>(budget: 100, sizeOf: page => page.Length, manyDropped: () => asked++);
        var pages = cache.For(Snapshot, Request())!.Value;
        // 40-byte pages: every second addition from the third on takes the cache to 120 bytes, and two pages (80 bytes)
        // are dropped to come back under three quarters of the budget.
        for (var i = 0; i < 6; i++)
        {
            pages.GetOrAdd($"/{i}", new string('x', 40));
        }
        Assert.Equal(0, asked); // 160 bytes dropped: not yet twice the budget

        pages.GetOrAdd("/6", new string('x', 40));
        Assert.Equal(1, asked); // 240 bytes, then counted afresh

        // A new snapshot's pages count on from there.
        var next = cache.For(new ContentSnapshot("", [], []), Request())!.Value;
        for (var i = 0; i < 6; i++)
        {
            next.GetOrAdd($"/{i}", new string('x', 40));
        }
        Assert.Equal(1, asked);
        next.GetOrAdd("/6", new string('x', 40));
        Assert.Equal(2, asked);
    }

    [Fact]
    public void PerSnapshot_KeepsNothingLargerThanItsBudget_AndNothingAtAllWithNone()
    {
        var small = new PerSnapshot<string>(budget: 10, sizeOf: page => page.Length).For(Snapshot, Request())!.Value;
        var none = new PerSnapshot<string>(budget: 0, sizeOf: page => page.Length).For(Snapshot, Request())!.Value;

        Assert.Equal("too large a page", small.GetOrAdd("/big", "too large a page"));
        Assert.Equal("page", none.GetOrAdd("/p", "page"));

        Assert.False(small.TryGetValue("/big", out _));
        Assert.False(none.TryGetValue("/p", out _));
    }

    [Fact]
    public void PerSnapshot_CountsHitsAndMisses_ForThePageCacheMetric()
    {
        var cache = new PerSnapshot<string>(budget: 100, sizeOf: page => page.Length);
        var pages = cache.For(Snapshot, Request())!.Value;

        Assert.False(pages.TryGetValue("/p", out _));
        pages.GetOrAdd("/p", "page");
        Assert.True(pages.TryGetValue("/p", out _));
        Assert.True(cache.For(Snapshot, Request())!.Value.TryGetValue("/p", out _));

        Assert.Equal((2L, 1L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void PerSnapshot_BeforeRouting_AnswersOnlyAPageThatCanBeSent_AndCountsNothingElse()
    {
        // A learner's template is kept as null when the page cannot be templated: routing leads it to Razor, and the
        // look-up after routing counts it, once.
        var cache = new PerSnapshot<string?>(budget: 100, sizeOf: page => page?.Length ?? 0);
        var pages = cache.For(Snapshot, Request())!.Value;
        pages.GetOrAdd("/kept", "page");
        pages.GetOrAdd("/not-templated", null);

        Assert.True(pages.TryGetKept("/kept", out var kept));
        Assert.Equal("page", kept);
        Assert.False(pages.TryGetKept("/not-templated", out _));
        Assert.False(pages.TryGetKept("/css/site.css", out _));
        Assert.Equal((1L, 0L), (cache.Hits, cache.Misses));
        Assert.True(pages.TryGetValue("/not-templated", out var none));
        Assert.Null(none);
        Assert.Equal((2L, 0L), (cache.Hits, cache.Misses));
    }

    [Fact]
    public void PerSnapshot_GetOrAdd_KeepsTheFirstPageOfARace()
    {
        var pages = new PerSnapshot<string>(budget: 100, sizeOf: page => page.Length).For(Snapshot, Request())!.Value;

        Assert.Equal("first", pages.GetOrAdd("/p", "first"));
        Assert.Equal("first", pages.GetOrAdd("/p", "second"));
    }

    [Fact]
    public void PerSnapshot_ANewSnapshot_StartsEmpty()
    {
        var cache = new PerSnapshot<string>(budget: 100, sizeOf: page => page.Length);
        cache.For(Snapshot, Request())!.Value.GetOrAdd("/p", "page");

        Assert.False(cache.For(new ContentSnapshot("", [], []), Request())!.Value.TryGetValue("/p", out _));
    }

    [Fact]
    public async Task Site_WithNoPageCache_StillServesTheSamePages()
    {
        using var content = TempContent.Sample();
        using var cached = new TutorialSiteFactory(content.Root, environment: "Production");
        using var uncached = Site(content, "0");

        var expected = await cached.CreateBrowser().GetStringAsync("/docker/images");

        Assert.Equal(expected, await uncached.CreateBrowser().GetStringAsync("/docker/images"));
        Assert.Equal(expected, await uncached.CreateBrowser().GetStringAsync("/docker/images"));
    }

    [Theory]
    [InlineData("lots")]
    [InlineData("-1")]
    [InlineData("1.5")]
    public void Site_WithABadPageCacheSize_IsRefusedAtStart(string megabytes)
    {
        using var content = TempContent.Sample();
        using var site = Site(content, megabytes);

        var error = Assert.Throws<InvalidOperationException>(() => site.CreateClient());

        Assert.Contains("Site__PageCacheMegabytes", error.Message, StringComparison.Ordinal);
    }

    private static TutorialSiteFactory Site(TempContent content, string megabytes) =>
        new(content.Root, environment: "Production", settings: new Dictionary<string, string?> { ["Site:PageCacheMegabytes"] = megabytes });

    private static HttpRequest Request() => new DefaultHttpContext { Request = { Scheme = "http", Host = new HostString("localhost") } }.Request;
}
