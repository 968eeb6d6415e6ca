using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Logging;
using TutorialSite.Web.Operations;

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

    [Theory]
    [InlineData(null, false)]
    [InlineData("Logging:Console:FormatterOptions:IncludeScopes=true", true)]
    [InlineData("Logging:Console:IncludeScopes=True", true)]
    [InlineData("Logging:Console:FormatterOptions:IncludeScopes=yes", false)]
    [InlineData("OTEL_EXPORTER_OTLP_ENDPOINT=http://collector:4317", true)]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore=Information", true)]
    [InlineData("Logging:Console:LogLevel:Microsoft.AspNetCore.Hosting.Diagnostics=Debug", true)]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore.Hosting=Error", false)]
    [InlineData("Logging:LogLevel:Microsoft.AspNetCore.HostingX=Debug", false)]
    public void HostingScopes_AreUsedOnlyWhenShownExportedOrAskedFor(string? setting, bool used)
    {
        // As appsettings.json has it, and one setting more.
        var settings = new Dictionary<string, string?> { ["Logging:LogLevel:Default"] = "Information", ["Logging:LogLevel:Microsoft.AspNetCore"] = "Warning" };
        if (setting?.Split('=') is [var key, var value])
        {
            settings[key] = value;
        }

        Assert.Equal(used, OperationsExtensions.RequestScopesUsed(new ConfigurationBuilder().AddInMemoryCollection(settings).Build()));
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Request_HasAnActivityOnlyWhenItsScopesAreShown(bool includeScopes)
    {
        var client = Site.WithWebHostBuilder(b => b
            .UseSetting("Logging:Console:FormatterOptions:IncludeScopes", includeScopes ? "true" : "false")
            .ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/docker/images");

        var (_, activity) = Assert.Single(recorder.Activities, e => e.Message.Contains("/docker/images", StringComparison.Ordinal));
        Assert.Equal(includeScopes, activity is not null);
    }

    [Fact]
    public async Task HealthProbe_IsLoggedOnlyAtDebugWhenItSucceeds()
    {
        var client = Site.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(recorder))).CreateClient();

        await client.GetAsync("/healthz");

        Assert.DoesNotContain(recorder.Entries, e => e.Message.Contains("/healthz", StringComparison.Ordinal) && e.Level >= LogLevel.Information);
    }
}
