using System.Reflection;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;
using TutorialSite.Web;
using TutorialSite.Web.Operations;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// The Configure table of docs/operations.md and the typed options agree: every setting an options class binds is
/// documented, and every documented setting is bound by exactly one options class, or is one .NET reads itself.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Every typed options class of the site.</summary>
    private static readonly Type[] OptionsClasses =
    [
        typeof(ContentOptions), typeof(SiteOptions), typeof(ProgressOptions), typeof(RateLimits.Options),
        typeof(DataOptions), typeof(ProxyOptions), typeof(MetricsOptions),
    ];

    /// <summary>Set by the composition root, never by an operator.</summary>
    private static readonly string[] NotSettings = [nameof(ContentOptions.CacheFolder), nameof(ProgressOptions.DataFolder)];

    /// <summary>Documented because operators set them, but read by .NET, its logging or OpenTelemetry, not by an options class of ours.</summary>
    private static readonly string[] FrameworkSettings =
    [
        "DOTNET_gcServer", "OTEL_EXPORTER_OTLP_ENDPOINT", "Logging__Console__FormatterName", "Logging__LogLevel__Default",
        "ASPNETCORE_ENVIRONMENT", "ASPNETCORE_URLS",
    ];

    public static TheoryData<Type> EveryOptionsClass() => [.. OptionsClasses];

    [Theory]
    [MemberData(nameof(EveryOptionsClass))]
    public void ConfigureTable_DocumentsEverySettingOfEachOptionsClass(Type options)
    {
        var settings = SettingsOf(options);

        Assert.NotEmpty(settings);
        Assert.All(settings, setting => Assert.Contains(setting, DocumentedSettings()));
    }

    [Fact]
    public void EveryDocumentedSetting_IsBoundByExactlyOneOptionsClass_OrReadByDotNet()
    {
        var bound = OptionsClasses.SelectMany(SettingsOf).ToList();
        var documented = DocumentedSettings();

        Assert.Equal(bound.Distinct(), bound);
        Assert.Equal(documented.Except(FrameworkSettings).Order(StringComparer.Ordinal), bound.Order(StringComparer.Ordinal));
        // The framework's list names only rows the table has.
        Assert.All(FrameworkSettings, setting => Assert.Contains(setting, documented));
    }

    [Fact]
    public void ConfigureTable_IsFound()
    {
        // Guards the tests above against a table they can no longer read.
        Assert.Contains("Content__Path", DocumentedSettings());
        Assert.Contains("Database__Provider", DocumentedSettings());
        Assert.Contains("DOTNET_gcServer", DocumentedSettings());
    }

    [Fact]
    public void ProgressOptions_ReadEachSettingFromTheKeyItsNameSays()
    {
        // ProgressOptions spans three sections, so its keys are named on its properties: they must be the keys it reads.
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Database:Provider"] = "Postgres",
            ["ConnectionStrings:Progress"] = "Host=db",
            ["Database:MigrateOnStart"] = "true",
            ["DataProtection:KeysPath"] = "/keys",
        }).Build();
        var options = new ProgressOptions();

        ProgressOptions.Bind(options, configuration, ProgressOptions.ReadProvider(configuration), "/app");

        Assert.Equal((DatabaseProvider.Postgres, "Host=db", true, "/keys"), (options.Provider, options.ConnectionString, options.MigrateOnStart, options.KeysPath));
        Assert.Equal(["Database__Provider", "ConnectionStrings__Progress", "Database__MigrateOnStart", "DataProtection__KeysPath"], SettingsOf(typeof(ProgressOptions)));
    }

    /// <summary>
    /// The settings an options class binds, as the docs name them: the key a property names
    /// (<see cref="ConfigurationKeyNameAttribute"/>), or the class's section and the property's name.
    /// </summary>
    private static List<string> SettingsOf(Type options)
    {
        var section = options.GetField("Section", BindingFlags.Public | BindingFlags.Static)?.GetRawConstantValue() as string;
        return [.. options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !NotSettings.Contains(p.Name))
            .Select(p => p.GetCustomAttribute<ConfigurationKeyNameAttribute>() is { } key
                ? key.Name.Replace(":", "__", StringComparison.Ordinal)
                : $"{section ?? throw new InvalidOperationException($"{options.Name} has neither a Section nor key names.")}__{p.Name}")];
    }

    /// <summary>The first column of the table under "## Configure": <c>| `Content__Path` | …</c>.</summary>
    private static List<string> DocumentedSettings()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        var start = text.IndexOf("\n## Configure", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return [.. SettingRow().Matches(text[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\| `([A-Za-z_]+)`", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
