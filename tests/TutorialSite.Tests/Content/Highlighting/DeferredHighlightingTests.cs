using System.Collections.Concurrent;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Tests.Content.Highlighting;

/// <summary>A first start serves code plain, highlights it in the background, and keeps it for the next start.</summary>
[Collection(nameof(HighlightQueue))]
public sealed class DeferredHighlightingTests
{
    [Fact]
    public async Task FirstStart_ServesCodePlainThenHighlighted_AndANewBuildStartsHighlightedFromTheDataFolder()
    {
        using var content = UniqueCode("await fetch(`/api/${id}`);\n");
        var database = TestDatabase.Create();
        // Nothing highlighted before serving: whatever the machine's speed, the start defers. No watching: a reload
        // (which highlights at once) is not what this test is about.
        var settings = new Dictionary<string, string?> { ["Content:HighlightBeforeServing"] = "00:00:00", ["Content:Watch"] = "false" };

        var log = new Recorder();
        await using (var site = new TutorialSiteFactory(content.Root, database, environment: "Production", settings, logs: log))
        {
            var client = site.CreateClient();
            // Served plain at first (unless the start took longer than its grace: then it may already be highlighted);
            // after the start-up grace (2 s), highlighted in the background and that tutorial rendered again.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string page;
            do
            {
                await Task.Delay(200);
                page = await client.GetStringAsync("/c/a");
            }
            while (!page.Contains("tok-keyword", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
            Assert.Contains("<code class=\"language-js highlighted\" data-lang=\"JavaScript\"><span class=\"tok-keyword\">const</span> id", page, StringComparison.Ordinal);
            // The pass logged before rendering the page again. Its count may be 0: the queue of blocks to highlight is
            // the process's, and another test's site in this process (outside this collection, when a slow machine
            // makes its first load defer too) may have highlighted this block in its own pass (a CI failure).
            Assert.True(log.Messages.Any(m => m.StartsWith("Highlighted ", StringComparison.Ordinal) && m.Contains(" code blocks in ", StringComparison.Ordinal)),
                string.Join("\n", log.Messages));
            await site.Services.GetRequiredService<ContentLoading>().CacheWritten;
        }
        Assert.True(File.Exists(Path.Combine(database.Folder, HighlightCache.FileName)));

        // A new build trusts no rendered content (as if the content cache were gone); the highlighted blocks remain.
        File.Delete(Path.Combine(database.Folder, ContentCache.FileName));
        CodeHighlighter.Cache.Clear();
        await using var restarted = new TutorialSiteFactory(content.Root, database, environment: "Production", settings);

        Assert.Contains("<span class=\"tok-keyword\">const</span> id", await restarted.CreateClient().GetStringAsync("/c/a"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task EveryDataFolder_GetsItsHighlightCache_ThoughAnotherSiteInTheProcessWroteTheBlocksFirst()
    {
        using var content = UniqueCode();
        // The second site finds the block highlighted by the first in the process's cache, so nothing is new to it:
        // its data folder must get the file all the same (a flaky failure of the test above, when another test's
        // site wrote its own file in between).
        foreach (var database in new[] { TestDatabase.Create(), TestDatabase.Create() })
        {
            await using var site = new TutorialSiteFactory(content.Root, database, environment: "Production");
            var client = site.CreateClient();
            var deadline = DateTime.UtcNow.AddSeconds(60);
            while (!(await client.GetStringAsync("/c/a")).Contains("tok-keyword", StringComparison.Ordinal) && DateTime.UtcNow < deadline)
            {
                await Task.Delay(200);
            }
            await site.Services.GetRequiredService<ContentLoading>().CacheWritten;
            Assert.True(File.Exists(Path.Combine(database.Folder, HighlightCache.FileName)), database.Folder);
        }
    }

    [Fact]
    public async Task FirstStart_RendersTheDeferredTutorialsAgainInBatches_AndOnlyTheLastWritesTheContentCache()
    {
        var log = new Recorder();
        await using var start = new ThreePagesInBatches(log);
        var store = start.Store;
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.Current.Tutorials.Any(t => !t.BodyHtml.ToString().Contains("tok-keyword", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }

        // Every page highlighted, none waiting, and the cache on disk is the last batch's.
        await start.AssertAllHighlightedAsync();
        // The first load, then one load per batch.
        Assert.Equal(4, log.Messages.Count(m => m.StartsWith("Loaded 1 courses and 3 tutorials", StringComparison.Ordinal)));
    }

    [Fact]
    public async Task AnEditSavedDuringTheFirstStartsPass_IsPublishedBeforeTheNextBatch_AndNothingIsLost()
    {
        // The loop is held right after it published the first batch, as if the batches took their time.
        using var log = new Recorder(holdAt: "(batch 1 of 3)");
        await using var start = new ThreePagesInBatches(log);
        var store = start.Store;
        Assert.True(log.Held.Wait(TimeSpan.FromSeconds(60)), "The pass never reached its first batch.");
        // An editor saves page 3, whose batch has not come yet; the watcher asks for a reload while batch 2 is due.
        start.Content.Write("web/03-page-3.md", start.PageText(3, "Edited zanzibarish."));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (!log.Messages.Any(m => m.StartsWith("Content changed in ", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(50);
        }
        log.Release();
        while ((store.Current.Tutorials.Any(t => !t.BodyHtml.ToString().Contains("tok-keyword", StringComparison.Ordinal))
            || !log.Messages.Any(m => m.Contains("(batch 3 of 3)", StringComparison.Ordinal))) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(100);
        }

        // Nothing lost: every page highlighted, none waiting, and the cache on disk the same; the edit served, found and cached.
        var cached = await start.AssertAllHighlightedAsync();
        Assert.Contains("Edited zanzibarish.", await start.Site.CreateClient().GetStringAsync("/web/page-3"), StringComparison.Ordinal);
        Assert.Contains(store.Current.Search.Search("zanzibarish"), r => r.Tutorial.Slug == "page-3");
        Assert.Contains("Edited zanzibarish.", cached.FindTutorial("web", "page-3")!.BodyHtml.ToString(), StringComparison.Ordinal);
        // After batch 1: the edit's reload, then batch 2's load, then batch 2.
        var after = log.Messages.SkipWhile(m => !m.Contains("(batch 1 of 3)", StringComparison.Ordinal)).Skip(1)
            .Where(m => m.StartsWith("Loaded ", StringComparison.Ordinal) || m.Contains("(batch ", StringComparison.Ordinal) || m.StartsWith("Content changed", StringComparison.Ordinal))
            .ToList();
        Assert.True(after.Count >= 4, string.Join("\n", after));
        Assert.StartsWith("Content changed in ", after[0], StringComparison.Ordinal);
        Assert.StartsWith("Loaded 1 courses and 3 tutorials", after[1], StringComparison.Ordinal);
        Assert.StartsWith("Loaded 1 courses and 3 tutorials", after[2], StringComparison.Ordinal);
        Assert.Contains("(batch 2 of 3)", after[3], StringComparison.Ordinal);
    }

    /// <summary>One tutorial (<c>/c/a</c>) whose code (<c>const id = "…"</c>, then <paramref name="more"/>) no other test has: not in the process's highlight cache.</summary>
    private static TempContent UniqueCode(string more = "") =>
        TempContent.OneTutorial($"---\ntitle: Fetch\n---\n\nText.\n\n```js\nconst id = \"{Guid.NewGuid():N}\";\n{more}```\n");

    /// <summary>
    /// A first start on a course of three tutorials whose code no other test has (none of it in the process's highlight
    /// cache), with nothing highlighted before serving and one tutorial per batch of the pass that renders them again.
    /// </summary>
    private sealed class ThreePagesInBatches : IAsyncDisposable
    {
        private readonly string unique = Guid.NewGuid().ToString("N");
        private readonly TestDatabase database = TestDatabase.Create();

        public ThreePagesInBatches(Recorder log)
        {
            Content.Write("web/_index.md", TempContent.Course("Web"));
            for (var i = 1; i <= 3; i++)
            {
                Content.Write($"web/0{i}-page-{i}.md", PageText(i, "Text."));
            }
            var settings = new Dictionary<string, string?> { ["Content:HighlightBeforeServing"] = "00:00:00", ["Content:RenderAgainBatch"] = "1" };
            Site = new TutorialSiteFactory(Content.Root, database, environment: "Production", settings, logs: log);
        }

        public TempContent Content { get; } = new();

        public TutorialSiteFactory Site { get; }

        public ContentStore Store => Site.Services.GetRequiredService<ContentStore>();

        /// <summary>Page <paramref name="i"/>: <paramref name="text"/>, then its code block.</summary>
        public string PageText(int i, string text) => $"---\ntitle: Page {i}\n---\n\n{text}\n\n```js\nconst page{i} = \"{unique}\";\n```\n";

        /// <summary>Every page served highlighted and none waiting, in memory and in the content cache on disk (returned) once it is written.</summary>
        public async Task<ContentSnapshot> AssertAllHighlightedAsync()
        {
            var client = Site.CreateClient();
            for (var i = 1; i <= 3; i++)
            {
                Assert.Contains($"<span class=\"tok-keyword\">const</span> page{i}", await client.GetStringAsync($"/web/page-{i}"), StringComparison.Ordinal);
            }
            await Site.Services.GetRequiredService<ContentLoading>().CacheWritten;
            Assert.DoesNotContain(Store.Current.Tutorials, t => t.CodePending);
            var cached = ContentCache.Read(Path.Combine(database.Folder, ContentCache.FileName), Content.Root, includeDrafts: false)!;
            Assert.All(cached.Tutorials, t => Assert.Contains("tok-keyword", t.BodyHtml.ToString(), StringComparison.Ordinal));
            Assert.DoesNotContain(cached.Tutorials, t => t.CodePending);
            return cached;
        }

        public async ValueTask DisposeAsync()
        {
            await Site.DisposeAsync();
            Content.Dispose();
        }
    }

    /// <summary>Every message logged; with <c>holdAt</c>, the thread that logs a message containing it waits for <see cref="Release"/>.</summary>
    private sealed class Recorder(string? holdAt = null) : ILoggerProvider
    {
        private readonly ManualResetEventSlim released = new(holdAt is null);

        public ConcurrentQueue<string> Messages { get; } = new();

        /// <summary>Set once a thread is held at <c>holdAt</c>.</summary>
        public ManualResetEventSlim Held { get; } = new();

        public void Release() => released.Set();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
            // Whatever a failed test left held goes on.
            released.Set();
        }

        private void Add(string message)
        {
            Messages.Enqueue(message);
            if (holdAt is not null && message.Contains(holdAt, StringComparison.Ordinal))
            {
                Held.Set();
                released.Wait(TimeSpan.FromSeconds(60));
            }
        }

        private sealed class Logger(Recorder recorder) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                recorder.Add(formatter(state, exception));
        }
    }
}

/// <summary>
/// The queue of blocks waiting to be highlighted is the process's: tests that empty it (<c>HighlightPending</c>) and
/// tests that count what a site's background pass highlighted from it run one at a time.
/// </summary>
[CollectionDefinition(nameof(HighlightQueue))]
public sealed class HighlightQueue;
