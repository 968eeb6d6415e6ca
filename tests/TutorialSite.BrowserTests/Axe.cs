using Deque.AxeCore.Commons;
using Deque.AxeCore.Playwright;

namespace TutorialSite.BrowserTests;

/// <summary>axe-core with the rules the site holds itself to.</summary>
public static class Axe
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

    /// <summary>Every violation on the page as it is now, one readable entry each; empty when clean.</summary>
    public static async Task<IReadOnlyList<string>> ViolationsAsync(IPage page, string pageName)
    {
        var result = await page.RunAxe(Rules);
        return [.. result.Violations.Select(v => Describe(pageName, v))];
    }

    private static string Describe(string page, AxeResultItem violation) =>
        $"{page}: {violation.Id} ({violation.Impact}): {violation.Help}\n" +
        string.Join("\n", violation.Nodes.Select(n =>
            $"    {n.Target}: {n.Html}\n      {string.Join("; ", n.Any.Concat(n.All).Concat(n.None).Select(c => c.Message))}"));
}
