using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Logging;
using TutorialSite.Tests.Pages;

namespace TutorialSite.Tests.Operations;

public sealed class RequestLoggingTests : IDisposable
{
    private readonly TempContent content = TempContent.Sample();
    private readonly TutorialSiteFactory site;
    private readonly LogRecorder recorder = new();

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
}
