using System.Text.RegularExpressions;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Bench;

/// <summary>
/// How much of a real curriculum's code is highlighted: loads a content folder as the site does and counts, per
/// language named after a fence, the rendered blocks that carry token spans (issue: at least 95 %). Blocks in a
/// language shown plain on purpose (<c>text</c>, <c>output</c>...) are counted apart. <c>--show-plain</c> lists the
/// tutorials and languages of the blocks that stay plain.
/// </summary>
public static partial class Languages
{
    public static int Report(IEnumerable<string> arguments)
    {
        var showPlain = arguments.Contains("--show-plain");
        var blocks = new List<(string Language, bool Highlighted, string Where)>();
        var empty = 0;
        foreach (var folder in arguments.Where(a => a != "--show-plain"))
        {
            var snapshot = ContentLoader.Load(folder, includeDrafts: true);
            foreach (var tutorial in snapshot.Tutorials)
            {
                // The body holds everything but the four sections, which are rendered on their own.
                var html = tutorial.BodyHtml.ToString() + string.Concat(tutorial.Sections.Select(s => s.Html.ToString()));
                // An empty block (javascript.info's and react.dev's placeholders for a file shown elsewhere) has nothing to colour.
                var matches = CodeBlock().Matches(html);
                empty += matches.Count(m => m.Groups[3].Success);
                blocks.AddRange(matches.Where(m => !m.Groups[3].Success).Select(m =>
                    (m.Groups[1].Value.ToLowerInvariant(), m.Groups[2].Success, Path.GetRelativePath(folder, tutorial.SourcePath))));
            }
            Console.WriteLine($"{folder}: {snapshot.Tutorials.Count()} tutorials, {snapshot.Problems.Count(p => p.Rule == Rules.CodeLanguageUnknown)} unknown-language warnings");
        }
        var named = blocks.Where(b => CodeLanguages.Find(b.Language) is not { Scope: null }).ToList();
        Console.WriteLine($"{blocks.Count} fenced blocks with a language and some code ({empty} empty ones left out); {named.Count} not plain on purpose (`text`...): {named.Count(b => b.Highlighted)} highlighted " +
            $"({100.0 * named.Count(b => b.Highlighted) / Math.Max(1, named.Count):0.0} %)");
        foreach (var language in blocks.GroupBy(b => b.Language).OrderByDescending(g => g.Count()))
        {
            Console.WriteLine($"  {language.Key,-16} {language.Count(),5} blocks, {language.Count(b => b.Highlighted),5} highlighted");
        }
        if (showPlain)
        {
            Console.WriteLine("Plain blocks in a language that is not plain on purpose:");
            foreach (var (language, _, where) in named.Where(b => !b.Highlighted))
            {
                Console.WriteLine($"  {where}: {language}");
            }
        }
        return 0;
    }

    [GeneratedRegex("<code class=\"language-([^\" ]+)( highlighted)?\"[^>]*>(</code>)?")]
    private static partial Regex CodeBlock();
}
