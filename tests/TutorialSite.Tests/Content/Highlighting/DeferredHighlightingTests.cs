using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TutorialSite.Tests.Pages;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Tests.Content.Highlighting;

/// <summary>A first start serves code plain, highlights it in the background, and keeps it for the next start.</summary>
[Collection(nameof(HighlightQueue))]
public sealed class DeferredHighlightingTests
{
    [Fact]
    public async Task FirstStart_ServesCodePlainThenHighlighted_AndANewBuildStartsHighlightedFromTheDataFolder()
    {
        using var content = new TempContent();
        content.Write("web/_index.md", TempContent.Course("Web"));
        // Code no other test has: not in the process's highlight cache.
        var unique = Guid.NewGuid().ToString("N");
        content.Write("web/01-fetch.md", $"---\ntitle: Fetch\n---\n\nText.\n\n```js\nconst id = \"{unique}\";\nawait fetch(`/api/${{id}}`);\n```\n");
        var database = TestDatabase.Create();
        // Nothing highlighted before serving: whatever the machine's speed, the start defers.
        var settings = new Dictionary<string, string?> { ["Content:HighlightBeforeServing"] = "00:00:00" };

        var log = new Recorder();
        await using (var factory = new TutorialSiteFactory(content.Root, database, environment: "Production", settings))
        await using (var site = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log))))
        {
            var client = site.CreateClient();
            // Served plain at first (unless the start took longer than its grace: then it may already be highlighted);
            // after the start-up grace (2 s), highlighted in the background and that tutorial rendered again.
            var deadline = DateTime.UtcNow.AddSeconds(60);
            string page;
            do
            {
                await Task.Delay(200);
                page = await client.GetStringAsync("/web/fetch");
            }
            while (!page.Contains("tok-keyword", StringComparison.Ordinal) && DateTime.UtcNow < deadline);
            Assert.Contains("<code class=\"language-js highlighted\" data-lang=\"JavaScript\"><span class=\"tok-keyword\">const</span> id", page, StringComparison.Ordinal);
            Assert.Contains(log.Messages, m => m.StartsWith("Highlighted 1 code blocks in ", StringComparison.Ordinal));
            await site.Services.GetRequiredService<ContentStore>().CacheWritten;
        }
        Assert.True(File.Exists(Path.Combine(database.Folder, HighlightCache.FileName)));

        // A new build trusts no rendered content (as if the content cache were gone); the highlighted blocks remain.
        File.Delete(Path.Combine(database.Folder, ContentCache.FileName));
        CodeHighlighter.Cache.Clear();
        await using var restarted = new TutorialSiteFactory(content.Root, database, environment: "Production", settings);

        Assert.Contains("<span class=\"tok-keyword\">const</span> id", await restarted.CreateClient().GetStringAsync("/web/fetch"), StringComparison.Ordinal);
    }

    [Fact]
    public async Task FirstStart_RendersTheDeferredTutorialsAgainInBatches_AndOnlyTheLastWritesTheContentCache()
    {
        using var content = new TempContent();
        content.Write("web/_index.md", TempContent.Course("Web"));
        var unique = Guid.NewGuid().ToString("N");
        for (var i = 1; i <= 3; i++)
        {
            content.Write($"web/0{i}-page-{i}.md", $"---\ntitle: Page {i}\n---\n\nText.\n\n```js\nconst page{i} = \"{unique}\";\n```\n");
        }
        var database = TestDatabase.Create();
        // Nothing highlighted before serving, and one tutorial per batch: three batches after the first load.
        var settings = new Dictionary<string, string?> { ["Content:HighlightBeforeServing"] = "00:00:00", ["Content:RenderAgainBatch"] = "1" };

        var log = new Recorder();
        await using var factory = new TutorialSiteFactory(content.Root, database, environment: "Production", settings);
        await using var site = factory.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(log)));
        var client = site.CreateClient();
        var store = site.Services.GetRequiredService<ContentStore>();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (store.Current.Tutorials.Any(t => !t.BodyHtml.ToString().Contains("tok-keyword", StringComparison.Ordinal)) && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
        }
        for (var i = 1; i <= 3; i++)
        {
            Assert.Contains($"<span class=\"tok-keyword\">const</span> page{i}", await client.GetStringAsync($"/web/page-{i}"), StringComparison.Ordinal);
        }
        await store.CacheWritten;

        // The first load, then one load per batch.
        Assert.Equal(4, log.Messages.Count(m => m.StartsWith("Loaded 1 courses and 3 tutorials", StringComparison.Ordinal)));
        Assert.DoesNotContain(store.Current.Tutorials, t => t.CodePending);
        // The cache on disk is the last batch's: every tutorial highlighted, none waiting.
        var cached = ContentCache.Read(Path.Combine(database.Folder, ContentCache.FileName), content.Root, includeDrafts: false)!;
        Assert.All(cached.Tutorials, t => Assert.Contains("tok-keyword", t.BodyHtml.ToString(), StringComparison.Ordinal));
        Assert.DoesNotContain(cached.Tutorials, t => t.CodePending);
    }

    private sealed class Recorder : ILoggerProvider
    {
        public ConcurrentQueue<string> Messages { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this);

        public void Dispose()
        {
        }

        private sealed class Logger(Recorder recorder) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                recorder.Messages.Enqueue(formatter(state, exception));
        }
    }
}

/// <summary>
/// The queue of blocks waiting to be highlighted is the process's: tests that empty it (<c>HighlightPending</c>) and
/// tests that count what a site's background pass highlighted from it run one at a time.
/// </summary>
[CollectionDefinition(nameof(HighlightQueue))]
public sealed class HighlightQueue;
