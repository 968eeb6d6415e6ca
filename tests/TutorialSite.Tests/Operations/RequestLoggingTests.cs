using System.Collections.Concurrent;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TutorialSite.Tests.Pages;

namespace TutorialSite.Tests.Operations;

public sealed class RequestLoggingTests : IDisposable
{
    private readonly TempContent content = TempContent.Sample();
    private readonly TutorialSiteFactory site;
    private readonly Recorder recorder = new();

    public RequestLoggingTests() => site = new TutorialSiteFactory(content.Root);

    public void Dispose()
    {
        site.Dispose();
        content.Dispose();
    }

    [Fact]
    public async Task Request_IsLoggedOnceWithMethodPathStatusAndDuration()
    {
        var client = site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/docker/images");

        var line = Assert.Single(recorder.Entries, e => e.Message.Contains("/docker/images", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches(@"^GET /docker/images responded 200 in \d+(\.\d)? ms$", line.Message);
    }

    [Fact]
    public async Task HealthProbe_IsLoggedOnlyAtDebugWhenItSucceeds()
    {
        var client = site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/healthz");

        Assert.DoesNotContain(recorder.Entries, e => e.Message.Contains("/healthz", StringComparison.Ordinal) && e.Level >= LogLevel.Information);
    }

    /// <summary>Every log entry of the app that passes its configured filters, from any category.</summary>
    private sealed class Recorder : ILoggerProvider
    {
        public ConcurrentQueue<(string Category, LogLevel Level, string Message)> Entries { get; } = new();

        public ILogger CreateLogger(string categoryName) => new Logger(this, categoryName);

        public void Dispose()
        {
        }

        private sealed class Logger(Recorder recorder, string category) : ILogger
        {
            public IDisposable? BeginScope<TState>(TState state) where TState : notnull => null;

            public bool IsEnabled(LogLevel logLevel) => true;

            public void Log<TState>(LogLevel logLevel, EventId eventId, TState state, Exception? exception, Func<TState, Exception?, string> formatter) =>
                recorder.Entries.Enqueue((category, logLevel, formatter(state, exception)));
        }
    }
}
