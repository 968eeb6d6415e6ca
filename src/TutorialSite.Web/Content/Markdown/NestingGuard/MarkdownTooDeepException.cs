namespace TutorialSite.Web.Content.Markdown.NestingGuard;

/// <summary>A document nested past <see cref="NestingGuardExtension.MaximumDepth"/>; lines are 0-based like Markdig's.</summary>
public sealed class MarkdownTooDeepException(int line, int column)
    : Exception($"Markdown nested more than {NestingGuardExtension.MaximumDepth} levels deep at line {line + 1}")
{
    public int Line { get; } = line;

    public int Column { get; } = column;
}
