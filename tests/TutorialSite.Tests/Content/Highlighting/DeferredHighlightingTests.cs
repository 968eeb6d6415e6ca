using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using TutorialSite.Tests.Pages;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Tests.Content.Highlighting;

/// <summary>A first start serves code plain, highlights it in the background, and keeps it for the next start.</summary>
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
