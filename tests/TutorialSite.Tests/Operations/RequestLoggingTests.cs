using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;

namespace TutorialSite.Tests.Operations;

public sealed class RequestLoggingTests : SiteOnSampleContent
{
    private readonly LogRecorder recorder = new();

    [Fact]
    public async Task Request_IsLoggedOnceWithMethodPathStatusAndDuration()
    {
        var client = Site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/docker/images");

        var line = Assert.Single(recorder.Entries, e => e.Message.Contains("/docker/images", StringComparison.Ordinal));
        Assert.Equal(LogLevel.Information, line.Level);
        Assert.Matches(@"^GET /docker/images responded 200 in \d+(\.\d)? ms$", line.Message);
    }

    [Fact]
    public async Task HealthProbe_IsLoggedOnlyAtDebugWhenItSucceeds()
    {
        var client = Site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/healthz");

        Assert.DoesNotContain(recorder.Entries, e => e.Message.Contains("/healthz", StringComparison.Ordinal) && e.Level >= LogLevel.Information);
    }
}
