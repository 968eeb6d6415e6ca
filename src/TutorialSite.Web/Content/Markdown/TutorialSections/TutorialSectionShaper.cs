using Markdig.Extensions.TaskLists;
using Markdig.Renderers.Html;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace TutorialSite.Web.Content.Markdown.TutorialSections;

/// <summary>
/// The pass over a parsed document that finds the four sections by their H2 headings and moves what is under each into
/// a <see cref="TutorialSection"/>: list items become <see cref="ChecklistItem"/>s with their keys (takeaways, tasks),
/// H3 questions <see cref="FaqItem"/>s (FAQ); it reports empty, doubled and misspelt sections and bad keys.
/// </summary>
internal static class TutorialSectionShaper
{
    public static void Reshape(MarkdownDocument document)
    {
        var sections = GroupSections(document);
        var keys = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections)
        {
            switch (section.Kind)
            {
                case SectionKind.Takeaways or SectionKind.Tasks: ShapeChecklist(document, section, keys); break;
                case SectionKind.Mistakes: ShapeMistakes(section); break;
                case SectionKind.Faq: ShapeFaq(document, section); break;
            }
            if (!section.OfType<ChecklistItem>().Any() && !section.OfType<FaqItem>().Any() && !section.OfType<ListBlock>().Any())
            {
                MarkdownIssues.Add(document, section.Heading, Severity.Error,
                    $"the `{section.Title}` section is empty; add {(section.Kind == SectionKind.Faq ? "`### question` headings, each followed by its answer" : "a `- ` list item per entry")}, or remove the heading",
                    Rules.EmptySection);
            }
        }
    }

    /// <summary>Moves each recognized H2 and the blocks up to the next H1/H2 into one <see cref="TutorialSection"/>.</summary>
    private static List<TutorialSection> GroupSections(MarkdownDocument document)
    {
        var sections = new Dictionary<SectionKind, TutorialSection>();
        TutorialSection? current = null;
        for (var i = 0; i < document.Count;)
        {
            var block = document[i];
            if (block is HeadingBlock heading && (heading.Level <= 2 || current is null))
            {
                WarnIfLookalike(document, heading);
            }
            if (block is HeadingBlock { Level: <= 2 } h2)
            {
                heading = h2;
                current = null;
                if (heading.Level == 2 && TutorialSection.TryRecognize(InlineText.Of(heading.Inline), out var kind))
                {
                    document.RemoveAt(i);
                    if (sections.TryGetValue(kind, out current))
                    {
                        MarkdownIssues.Add(document, heading, Severity.Warning,
                            $"a second `{current.Title}` section; its items were added to the first one (line {current.Heading.Line + 1}): merge the two",
                            Rules.DuplicateSection);
                        continue;
                    }
                    current = new TutorialSection(kind, heading) { Line = heading.Line, Column = heading.Column, Span = heading.Span };
                    sections[kind] = current;
                    document.Insert(i++, current);
                    continue;
                }
            }
            else if (current is not null)
            {
                document.RemoveAt(i);
                current.Add(block);
                continue;
            }
            i++;
        }
        return [.. sections.Values];
    }

    /// <summary>Warns about a heading that was probably meant as one of the four sections but is not recognized.</summary>
    private static void WarnIfLookalike(MarkdownDocument document, HeadingBlock heading)
    {
        var text = InlineText.Of(heading.Inline);
        // A `####` heading is a sub-subsection whatever its words: only H1-H3 can be a section gone wrong.
        if (heading.Level > 3 || heading.Level == 2 && TutorialSection.TryRecognize(text, out _))
        {
            return;
        }
        var letters = Letters(text);
        // The same letters, or a typo or two ("FAQs", "Practise Tasks"); "Frequent issues/questions" is its own heading.
        // Most headings are far longer or shorter than every section's name: no distance to compute for those.
        var meant = RecognizedLetters
            .Where(h => Math.Abs(h.Letters.Length - letters.Length) <= Allowed(h.Heading))
            .Select(h => (h.Heading, Distance: Spelling.Distance(letters, h.Letters)))
            .Where(c => c.Distance == 0 || (letters.Length >= 3 && c.Distance <= Allowed(c.Heading)))
            .OrderBy(c => c.Distance)
            .Select(c => c.Heading)
            .FirstOrDefault();
        if (meant is not null)
        {
            MarkdownIssues.Add(document, heading, Severity.Warning,
                $"heading `{new string('#', heading.Level)} {text}` looks like the `{meant}` section but is not recognized; write it exactly `## {meant}`",
                Rules.SectionLookalike);
        }
    }

    private static int Allowed(string heading) => heading.Length >= 12 ? 2 : 1;

    private static readonly (string Heading, string Letters)[] RecognizedLetters =
        [.. TutorialSection.RecognizedHeadings.Select(h => (h, Letters(h)))];

    private static string Letters(string text)
    {
        Span<char> letters = text.Length <= 256 ? stackalloc char[text.Length] : new char[text.Length];
        var length = 0;
        foreach (var c in text)
        {
            if (char.IsAsciiLetter(c))
            {
                letters[length++] = char.ToLowerInvariant(c);
            }
        }
        return new string(letters[..length]);
    }

    private static void ShapeChecklist(MarkdownDocument document, TutorialSection section, HashSet<string> keys)
    {
        foreach (var list in section.OfType<ListBlock>().ToList())
        {
            var at = section.IndexOf(list);
            section.RemoveAt(at);
            foreach (var listItem in list.Cast<ListItemBlock>().ToList())
            {
                section.Insert(at++, ToChecklistItem(document, listItem, list.IsLoose, keys));
            }
        }
    }

    private static ChecklistItem ToChecklistItem(MarkdownDocument document, ListItemBlock listItem, bool loose, HashSet<string> keys)
    {
        // `- [ ] text` is accepted like `- text`: the learner's tick replaces the task-list box.
        if (listItem.FirstOrDefault() is ParagraphBlock { Inline.FirstChild: TaskList box })
        {
            var next = box.NextSibling as LiteralInline;
            box.Remove();
            next?.Content.TrimStart();
        }

        var written = listItem.Descendants<ChecklistKey>().LastOrDefault();
        if (written is not null)
        {
            if (written.PreviousSibling is LiteralInline before)
            {
                before.Content.TrimEnd();
            }
            written.Remove();
        }
        var text = InlineText.Of(listItem.OfType<LeafBlock>().FirstOrDefault()?.Inline);

        var (key, formerKeys) = ParseKey(document, written);
        var explicitKey = key is not null;
        key ??= Slug.From(text) is { Length: > 0 } derived ? derived : "item";
        if (!keys.Add(key))
        {
            MarkdownIssues.Add(document, (MarkdownObject?)written ?? listItem, Severity.Error,
                $"checklist key `{key}` is used twice in this tutorial; give one of the items its own `{{#key}}`",
                Rules.ChecklistKeyDuplicate);
            var n = 2;
            while (!keys.Add($"{key}-{n}")) n++;
            key = $"{key}-{n}";
        }
        foreach (var former in formerKeys.Where(f => !keys.Add(f)))
        {
            MarkdownIssues.Add(document, written!, Severity.Error,
                $"checklist key `{former}` is used twice in this tutorial (here as a former key); each key may belong to one item only",
                Rules.ChecklistKeyDuplicate);
        }

        var item = new ChecklistItem(key, explicitKey) { FormerKeys = formerKeys, Line = listItem.Line, Column = listItem.Column, Span = listItem.Span, IsLoose = loose };
        foreach (var child in listItem.ToList())
        {
            listItem.Remove(child);
            item.Add(child);
        }
        return item;
    }

    /// <summary>
    /// Reads <c>{#key}</c> or <c>{#key was old-key other-old-key}</c>: the item's key, then the keys it had
    /// before, whose ticks count for it.
    /// </summary>
    private static (string? Key, IReadOnlyList<string> FormerKeys) ParseKey(MarkdownDocument document, ChecklistKey? written)
    {
        if (written is null)
        {
            return (null, []);
        }
        var words = written.Raw.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        var formerKeys = words.Length > 2 && words[1] == "was" ? words[2..] : [];
        if (words.Length > 0 && Slug.IsValid(words[0]) && (words.Length == 1 || formerKeys.Length > 0) && formerKeys.All(Slug.IsValid))
        {
            return (words[0], formerKeys);
        }
        MarkdownIssues.Add(document, written, Severity.Error,
            $"checklist key `{{#{written.Raw}}}` is malformed: write `{{#some-key}}` (lower-case letters, digits and single dashes), or `{{#new-key was old-key}}` to keep the ticks of an old key; for example `{{#{Slug.From(written.Raw)}}}`",
            Rules.ChecklistKeyMalformed);
        return (null, []);
    }

    private static void ShapeMistakes(TutorialSection section)
    {
        foreach (var list in section.OfType<ListBlock>())
        {
            list.GetAttributes().AddClass("mistakes");
        }
    }

    private static void ShapeFaq(MarkdownDocument document, TutorialSection section)
    {
        FaqItem? current = null;
        for (var i = 0; i < section.Count;)
        {
            var block = section[i];
            if (block is HeadingBlock { Level: 3 } question)
            {
                section.RemoveAt(i);
                current = new FaqItem(question) { Line = question.Line, Column = question.Column, Span = question.Span };
                section.Insert(i++, current);
            }
            else if (current is not null)
            {
                section.RemoveAt(i);
                current.Add(block);
            }
            else
            {
                i++;
            }
        }
        foreach (var item in section.OfType<FaqItem>().Where(f => f.Count == 0))
        {
            MarkdownIssues.Add(document, item.Question, Severity.Error,
                $"the question \"{InlineText.Of(item.Question.Inline)}\" has no answer; write the answer below the `###` line",
                Rules.FaqNoAnswer);
        }
    }
}
