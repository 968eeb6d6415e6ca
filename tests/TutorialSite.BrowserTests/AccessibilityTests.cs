using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;
using Xunit.Abstractions;

namespace TutorialSite.BrowserTests;

/// <summary>axe-core on every page type, light and dark, desktop and phone: no violations at all.</summary>
[Collection(SiteCollection.Name)]
public sealed class AccessibilityTests(SiteFixture fixture, ITestOutputHelper output)
{
    /// <summary>WCAG 2.0, 2.1 and 2.2 at levels A and AA, and Deque's best practices.</summary>
    private static readonly AxeRunOptions Rules = new()
    {
        RunOnly = new RunOnlyOptions
        {
            Type = "tag",
            Values = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa", "best-practice"],
        },
    };

    public static TheoryData<Device, ColorScheme> Variants => new()
    {
        { Device.Desktop, ColorScheme.Light },
        { Device.Desktop, ColorScheme.Dark },
        { Device.Phone, ColorScheme.Light },
        { Device.Phone, ColorScheme.Dark },
    };

    [Theory]
    [MemberData(nameof(Variants))]
    public async Task EveryPageType_HasNoAxeViolations(Device device, ColorScheme colorScheme)
    {
        await using var context = await fixture.NewContextAsync(device, colorScheme);
        var page = await context.NewPageAsync();
        // A learner with progress, so completion meters, the reset form and saved states are on the pages.
        await page.GotoAsync(SitePages.Tutorial);
        await page.Locator("#tick-git-init").CheckAsync();
        await Expect(TickTests.Status(page, "git-init")).ToHaveTextAsync("Saved: ticked");

        var problems = new List<string>();
        foreach (var (name, path) in SitePages.Named)
        {
            await page.GotoAsync(path);
            // Audit what is folded away too: FAQ answers and the reset confirmation.
            await page.EvaluateAsync("() => document.querySelectorAll('details').forEach(d => d.open = true)");
            var result = await page.RunAxe(Rules);
            output.WriteLine($"{name}: {result.Passes.Length} rules passed, {result.Violations.Length} violated");
            problems.AddRange(result.Violations.Select(v => Describe(name, v)));
        }

        Assert.True(problems.Count == 0, $"axe ({device}, {colorScheme}):\n{string.Join("\n", problems)}");
    }

    private static string Describe(string page, AxeResultItem violation) =>
        $"{page}: {violation.Id} ({violation.Impact}): {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Select(n =>
            $"    {n.Target}: {n.Html}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
}
