using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Web.Content;

/// <summary>Where the Markdown lives. Bound from the <c>Content</c> section (<c>Content__Path</c>).</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The content folder; relative paths are resolved against the app's content root.</summary>
    public string Path { get; set; } = "content";

    /// <summary>Reload when files change (<c>Content__Watch</c>); off only where content can never change.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// How much code highlighting a first start does before serving (<c>Content__HighlightBeforeServing</c>); the
    /// rest is shown plain until it is highlighted in the background (see <c>CodeHighlighter.Defer</c>).
    /// </summary>
    public TimeSpan HighlightBeforeServing { get; set; } = CodeHighlighter.DeferAfter;

    /// <summary>
    /// How many tutorials the first start's background pass renders again per snapshot it swaps in, once their code is
    /// highlighted (<c>Content__RenderAgainBatch</c>): fewer keep less memory at once, more cost less CPU (each batch
    /// is a reload). See docs/benchmarks.md, "Memory at 2,000 tutorials with highlighting".
    /// </summary>
    public int RenderAgainBatch { get; set; } = 400;

    /// <summary>
    /// Where the content and highlight caches are kept between runs: set by the composition root to the data folder
    /// (<c>Data__Path</c>). Without one every start parses and highlights everything.
    /// </summary>
    public string? CacheFolder { get; set; }
}
