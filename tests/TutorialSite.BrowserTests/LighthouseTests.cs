using System.Text.Json;
using Xunit.Abstractions;

namespace TutorialSite.BrowserTests;

/// <summary>
/// Lighthouse 12.2.3 (pinned in tools/package-lock.json) with its default mobile settings on the pages a student
/// reads and browses: a tutorial, search results, the topics index and a topic.
/// </summary>
[Collection(SiteCollection.Name)]
public sealed class LighthouseTests(SiteFixture fixture, ITestOutputHelper output)
{
    private const double Minimum = 0.95;

    public static string Folder => Path.Combine(RepoPaths.Artifacts, "lighthouse");

    /// <summary>
    /// The pages, each with the audits it is spared and why: search results ask not to be indexed on purpose
    /// (<c>noindex</c>, checked by <see cref="LinkAndMetaTests"/>), which Lighthouse's <c>is-crawlable</c> counts against SEO.
    /// </summary>
    public static TheoryData<string, string, string> Pages => new()
    {
        { "tutorial", SitePages.Tutorial, "" },
        { "search", SitePages.Search, "is-crawlable" },
        { "tags", SitePages.Tags, "" },
        { "tag", SitePages.Tag, "" },
    };

    [Theory]
    [MemberData(nameof(Pages))]
    public async Task Page_ScoresAtLeast95_InEveryCategory_WithoutLayoutShift(string name, string path, string skipAudits)
    {
        var node = ExternalTool.Require("node", "Install Node.js 20 (Debian: apt-get install nodejs npm).");
        var lighthouse = ExternalTool.RequireNpmTool("lighthouse/cli/index.js");
        Directory.CreateDirectory(Folder);
        var profile = Path.Combine(fixture.WorkDirectory, "lighthouse-profile");
        var report = Path.Combine(Folder, name);
        var flags = string.Join(" ", Chromium.Args.Append("--headless").Append($"--user-data-dir={profile}"));

        // The machine is shared: Lighthouse itself sometimes fails to record its trace (NO_NAVSTART), and the
        // performance score depends on timing. Such a run is repeated, up to three in all; the other three
        // categories do not depend on timing and are never retried into passing.
        Dictionary<string, double> scores = [];
        JsonDocument? json = null;
        for (var attempt = 1; attempt <= 3; attempt++)
        {
            var result = await ExternalTool.RunAsync(node,
                [
                    lighthouse, new Uri(fixture.Site.Address, path).ToString(),
                    "--only-categories=performance,accessibility,best-practices,seo",
                    .. (skipAudits.Length > 0 ? new[] { $"--skip-audits={skipAudits}" } : []),
                    "--output=json", "--output=html", $"--output-path={report}",
                    $"--chrome-flags={flags}", "--quiet",
                ],
                new Dictionary<string, string> { ["CHROME_PATH"] = Chromium.RequirePath() },
                TimeSpan.FromMinutes(3));
            var toolHiccup = result.ExitCode != 0 && $"{result.Output}{result.Error}".Contains("Runtime error encountered", StringComparison.Ordinal);
            if (toolHiccup && attempt < 3)
            {
                output.WriteLine($"Lighthouse attempt {attempt} could not record the page; trying again.");
                continue;
            }
            Assert.True(result.ExitCode == 0, $"Lighthouse failed (exit {result.ExitCode}):\n{result.Output}\n{result.Error}");
            json?.Dispose();
            json = JsonDocument.Parse(await File.ReadAllTextAsync(report + ".report.json"));
            scores = json.RootElement.GetProperty("categories").EnumerateObject().ToDictionary(c => c.Name, c => c.Value.GetProperty("score").GetDouble());
            if (scores.GetValueOrDefault("performance") >= Minimum || attempt == 3)
            {
                break;
            }
            output.WriteLine($"Lighthouse attempt {attempt}: performance {scores["performance"] * 100:0} on a busy machine; measuring again.");
        }
        using var _ = json;
        var summary = string.Join(", ", scores.Select(s => $"{s.Key} {s.Value * 100:0}"));
        output.WriteLine($"Lighthouse on {path}: {summary} (report: {report}.report.html)");
        await File.WriteAllTextAsync(report + ".scores.txt", $"{path}: {summary}{Environment.NewLine}");

        var failing = scores.Where(s => s.Value < Minimum).Select(s => $"{s.Key} {s.Value * 100:0}: {Failures(json!.RootElement, s.Key)}").ToList();
        Assert.Equal(4, scores.Count);
        Assert.True(failing.Count == 0, $"{path} below {Minimum * 100:0}:\n" + string.Join("\n", failing));
        // Nothing moves once shown: the outline, contents, code bars and result cards are laid out before the first paint.
        var shift = json!.RootElement.GetProperty("audits").GetProperty("cumulative-layout-shift").GetProperty("numericValue").GetDouble();
        output.WriteLine($"Cumulative layout shift: {shift:0.000}");
        Assert.True(shift < 0.05, $"{path}: cumulative layout shift {shift:0.000}, at least 0.05");
    }

    /// <summary>The audits that cost points in a category, for the failure message.</summary>
    private static string Failures(JsonElement report, string category)
    {
        var audits = report.GetProperty("audits");
        var refs = report.GetProperty("categories").GetProperty(category).GetProperty("auditRefs").EnumerateArray()
            .Where(r => r.GetProperty("weight").GetDouble() > 0)
            .Select(r => audits.GetProperty(r.GetProperty("id").GetString()!))
            .Where(a => a.GetProperty("score").ValueKind == JsonValueKind.Number && a.GetProperty("score").GetDouble() < 1)
            .Select(a => $"{a.GetProperty("id").GetString()} ({a.GetProperty("score").GetDouble():0.00}{(a.TryGetProperty("displayValue", out var v) ? ", " + v.GetString() : "")})");
        return string.Join("; ", refs);
    }
}
