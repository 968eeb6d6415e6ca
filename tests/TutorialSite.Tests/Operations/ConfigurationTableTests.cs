using System.Reflection;
using System.Text.RegularExpressions;
using TutorialSite.Web;
using TutorialSite.Web.Content;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// The Configure table of docs/operations.md and the typed options agree: every setting an options class binds is
/// documented, and every documented setting of its section is one it binds.
/// </summary>
public sealed partial class ConfigurationTableTests
{
    /// <summary>Set by the composition root, never by an operator.</summary>
    private static readonly string[] NotSettings = [nameof(ContentOptions.CacheFolder)];

    [Theory]
    [InlineData(typeof(ContentOptions), ContentOptions.Section)]
    [InlineData(typeof(SiteOptions), SiteOptions.Section)]
    [InlineData(typeof(RateLimits.Options), RateLimits.Options.Section)]
    public void ConfigureTable_ListsExactlyTheSettingsOfEachOptionsClass(Type options, string section)
    {
        var documented = DocumentedSettings().Where(name => name.StartsWith(section + "__", StringComparison.Ordinal)).Order(StringComparer.Ordinal);

        var bound = options.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanWrite && !NotSettings.Contains(p.Name))
            .Select(p => $"{section}__{p.Name}")
            .Order(StringComparer.Ordinal);

        Assert.Equal(bound, documented);
    }

    [Fact]
    public void ConfigureTable_IsFound()
    {
        // Guards the theory above against a table it can no longer read.
        Assert.Contains("Content__Path", DocumentedSettings());
        Assert.Contains("Database__Provider", DocumentedSettings());
    }

    /// <summary>The first column of the table under "## Configure": <c>| `Content__Path` | …</c>.</summary>
    private static List<string> DocumentedSettings()
    {
        var text = File.ReadAllText(Path.Combine(RepoPaths.Root, "docs", "operations.md"));
        var start = text.IndexOf("\n## Configure", StringComparison.Ordinal);
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        return [.. SettingRow().Matches(text[start..end]).Select(m => m.Groups[1].Value)];
    }

    [GeneratedRegex(@"^\| `([A-Za-z]+__[A-Za-z]+)`", RegexOptions.Multiline)]
    private static partial Regex SettingRow();
}
