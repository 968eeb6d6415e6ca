namespace TutorialSite.Web.Content.Markdown.RawHtml;

/// <summary>
/// Where raw HTML from the Markdown landed in one rendered piece of HTML: each stretch of output written verbatim from
/// an HTML block line or an inline tag, with the Markdown line and column it came from. Everything outside these
/// stretches was written by Markdig and this site's renderers. One map per <see cref="Markdig.Renderers.HtmlRenderer"/>.
/// </summary>
public sealed class RawHtmlSourceMap
{
    private readonly List<(int Start, int End, int Line, int Column)> stretches = [];

    private readonly List<int> boundaries = [];

    public bool IsEmpty => stretches.Count == 0;

    /// <summary>
    /// Notes that a top-level block starts here. Cleaning then parses only from the block where the raw HTML starts to
    /// the end of the block where it ends: the blocks around are Markdig's alone, and parsing them was most of the cost.
    /// </summary>
    public void MarkBlock(int offset) => boundaries.Add(offset);

    /// <summary>The part of the output that holds every stretch of raw HTML, cut at block boundaries.</summary>
    public (int From, int To) Segment(int length)
    {
        if (stretches.Count == 0)
        {
            return (0, 0);
        }
        var first = stretches[0].Start;
        var last = stretches[^1].End;
        var from = boundaries.Where(b => b <= first).DefaultIfEmpty(0).Max();
        var to = boundaries.Where(b => b >= last).DefaultIfEmpty(length).Min();
        return (from, to);
    }

    /// <summary>Forgets every stretch and boundary: the renderer's output starts again at offset 0.</summary>
    public void Clear()
    {
        stretches.Clear();
        boundaries.Clear();
    }

    /// <param name="start">Offset in the output where the verbatim text begins.</param>
    /// <param name="end">Offset just past it.</param>
    /// <param name="line">0-based Markdown line, as Markdig counts.</param>
    /// <param name="column">0-based Markdown column.</param>
    public void Add(int start, int end, int line, int column)
    {
        if (end > start)
        {
            stretches.Add((start, end, line, column));
        }
    }

    /// <summary>The Markdown place (1-based line and column) of an output offset, or null when Markdig wrote it.</summary>
    public (int Line, int Column)? Find(string output, int offset)
    {
        // Stretches are added in output order: a binary search finds the last one starting at or before the offset.
        int low = 0, high = stretches.Count - 1, found = -1;
        while (low <= high)
        {
            var middle = (low + high) / 2;
            if (stretches[middle].Start <= offset)
            {
                found = middle;
                low = middle + 1;
            }
            else
            {
                high = middle - 1;
            }
        }
        if (found < 0 || offset >= stretches[found].End)
        {
            return null;
        }
        var (start, _, line, column) = stretches[found];
        var span = output.AsSpan(start, offset - start);
        var newlines = span.Count('\n');
        return newlines == 0
            ? (line + 1, column + 1 + offset - start)
            : (line + 1 + newlines, offset - start - span.LastIndexOf('\n'));
    }
}
