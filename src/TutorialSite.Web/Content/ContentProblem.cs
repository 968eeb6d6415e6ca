namespace TutorialSite.Web.Content;

public enum Severity
{
    Warning,
    Error,
}

/// <summary>A problem found in a content file, pointing at the exact place an editor must fix.</summary>
/// <param name="Path">Full path of the file (or folder) the problem is in.</param>
/// <param name="Line">1-based line; 0 when the problem concerns the whole file or folder.</param>
/// <param name="Column">1-based column, or 0 when unknown.</param>
/// <param name="Rule">Stable rule id, documented in docs/authoring.md.</param>
public sealed record ContentProblem(string Path, int Line, int Column, Severity Severity, string Message, string Rule)
{
    public override string ToString() =>
        $"{Path}:{Math.Max(Line, 1)}{(Column > 0 ? $":{Column}" : "")}: {(Severity == Severity.Error ? "error" : "warning")}: {Message} [{Rule}]";
}

/// <summary>Rule ids, named once; each is documented in the authoring guide.</summary>
public static class Rules
{
    // The front matter
    public const string FrontMatterYaml = "front-matter-yaml";
    public const string FrontMatterValue = "front-matter-value";
    public const string FrontMatterTooComplex = "front-matter-too-complex";
    public const string TitleMissing = "title-missing";
    public const string UnknownKey = "unknown-key";

    // Files, folders and addresses
    public const string CourseIndexMissing = "course-index-missing";
    public const string InvalidSlug = "invalid-slug";
    public const string ReservedSlug = "reserved-slug";
    public const string DuplicateSlug = "duplicate-slug";
    public const string AliasConflict = "alias-conflict";
    public const string FileTooLarge = "file-too-large";
    public const string LineTooLong = "line-too-long";
    public const string InvalidUtf8 = "invalid-utf8";
    public const string TooComplex = "too-complex";
    public const string LoadFailed = "load-failed";

    // Sections, checklists and headings
    public const string EmptySection = "empty-section";
    public const string DuplicateSection = "duplicate-section";
    public const string SectionLookalike = "section-lookalike";
    public const string FaqNoAnswer = "faq-no-answer";
    public const string ChecklistKeyDuplicate = "checklist-key-duplicate";
    public const string ChecklistKeyMalformed = "checklist-key-malformed";
    public const string HeadingOrder = "heading-order";
    public const string UnknownCallout = "unknown-callout";

    // Links, images, code and raw HTML
    public const string BrokenLink = "broken-link";
    public const string MissingImage = "missing-image";
    public const string UnsafeLink = "unsafe-link";
    public const string CodeLanguage = "code-language";
    public const string CodeLanguageUnknown = "code-language-unknown";
    public const string HtmlRemoved = "html-removed";

    // Learners' ticks: what published.lock keeps
    public const string PublishedKeyRemoved = "published-key-removed";
    public const string PublishedTutorialRemoved = "published-tutorial-removed";
    public const string RetiredKeyReused = "retired-key-reused";
    public const string PublishedLockMissing = "published-lock-missing";
}
