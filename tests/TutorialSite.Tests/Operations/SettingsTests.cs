namespace TutorialSite.Tests.Operations;

/// <summary>
/// A bad value in any setting of Progress and Operations (<c>ProgressOptions</c>, <c>ProxyOptions</c>,
/// <c>MetricsOptions</c>) stops the start with a message naming the setting, as a bad <c>Site__*</c> or
/// <c>Content__*</c> value does: never a site that half works.
/// </summary>
public sealed class SettingsTests : SiteOnSampleContent
{
    [Theory]
    [InlineData("Database:Provider", "Oracle", "Database__Provider: `Oracle` is not a provider; use `Sqlite` (the default) or `Postgres`.")]
    [InlineData("Database:MigrateOnStart", "yes", "Database__MigrateOnStart: `yes` is not `true` or `false`.")]
    [InlineData("ForwardedHeaders:KnownProxies", "10.0.0.1, proxy.local", "ForwardedHeaders__KnownProxies: `proxy.local` is not an IP address.")]
    [InlineData("ForwardedHeaders:KnownNetworks", "10.0.0.0", "ForwardedHeaders__KnownNetworks: `10.0.0.0` is not a network in CIDR form (10.0.0.0/8).")]
    [InlineData("Metrics:Port", "http", "Metrics__Port: `http` is not a TCP port (1-65535).")]
    [InlineData("Metrics:Port", "70000", "Metrics__Port: `70000` is not a TCP port (1-65535).")]
    public void ABadSetting_StopsTheStart_NamingIt(string key, string value, string message)
    {
        using var site = SiteWith(key, value);

        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains(message, Messages(error));
    }

    [Fact]
    public void Postgres_WithoutAConnectionString_StopsTheStart_NamingIt()
    {
        using var site = SiteWith(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Progress"] = "",
        });

        var error = Assert.ThrowsAny<Exception>(() => site.CreateClient());

        Assert.Contains(Messages(error), m => m.StartsWith("Database__Provider=Postgres needs ConnectionStrings__Progress", StringComparison.Ordinal));
    }

    /// <summary>The error and what it wraps: the host may report a start-up failure inside its own exception.</summary>
    private static List<string> Messages(Exception error)
    {
        var messages = new List<string>();
        for (Exception? e = error; e is not null; e = e.InnerException)
        {
            messages.Add(e.Message);
        }
        return messages;
    }
}
