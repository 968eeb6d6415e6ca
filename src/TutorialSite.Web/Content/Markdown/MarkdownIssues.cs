using Markdig.Syntax;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>A problem an extension noticed while shaping the syntax tree; lines are 0-based like Markdig's.</summary>
public sealed record MarkdownIssue(int Line, int Column, Severity Severity, string Message, string Rule);

/// <summary>Problems found by this site's extensions, carried on the parsed document.</summary>
public static class MarkdownIssues
{
    private static readonly object DataKey = typeof(MarkdownIssues);

    public static IReadOnlyList<MarkdownIssue> Of(MarkdownDocument document) =>
        document.GetData(DataKey) as List<MarkdownIssue> ?? [];

    internal static void Add(MarkdownDocument document, MarkdownObject at, Severity severity, string message, string rule)
    {
        if (document.GetData(DataKey) is not List<MarkdownIssue> issues)
        {
            document.SetData(DataKey, issues = []);
        }
        issues.Add(new MarkdownIssue(at.Line, at.Column, severity, message, rule));
    }
}
