namespace TutorialSite.Tests.Content;

/// <summary>Search over the repository's sample content: ranking, prefixes, typos, filters and snippets.</summary>
public sealed partial class SearchIndexTests
{
    private static readonly ContentSnapshot Content = ContentLoader.Load(RepoPaths.Content, includeDrafts: false);

    [Theory]
    [InlineData("writable layer", "docker/images-vs-containers")]
    [InlineData("images vs containers", "docker/images-vs-containers")]
    [InlineData("async await", "csharp/async-await")]
    [InlineData("linq", "csharp/collections-and-linq")]
    [InlineData("merge conflict", "git/branches-and-merging")]
    public void Search_KnownWords_RankTheTutorialAboutThemFirst(string query, string expected)
    {
        var top = Content.Search.Search(query)[0].Tutorial;

        Assert.Equal(expected, $"{top.CourseSlug}/{top.Slug}");
    }

    [Fact]
    public async Task Index_AskedForByConcurrentSearchesOnAFreshSnapshot_IsBuiltOnce()
    {
        var fresh = ContentLoader.Load(RepoPaths.Content, includeDrafts: false);
        using var start = new Barrier(8);

        var indexes = await Task.WhenAll(Enumerable.Range(0, 8)
            .Select(_ => Task.Factory.StartNew(() => { start.SignalAndWait(); return fresh.Search; }, TaskCreationOptions.LongRunning)));

        Assert.All(indexes, index => Assert.Same(indexes[0], index));
    }

    [Fact]
    public void Search_LastWordAsAPrefix_FindsLongerWords()
    {
        Assert.Contains(Content.Search.Search("dockerfi"), r => r.Tutorial.Slug == "writing-a-dockerfile");
    }

    [Theory]
    [InlineData("contaner")] // a letter missing
    [InlineData("containner")] // one too many
    [InlineData("contaimer")] // a wrong one
    [InlineData("contianer")] // two swapped
    public void Search_AWordWithATypo_FindsTheRightWord(string query)
    {
        Assert.Contains(Content.Search.Search(query), r => r.Tutorial.Slug == "volumes-and-data");
        Assert.Contains("<mark>container</mark>", Content.Search.Search(query)[0].SnippetHtml, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public void Search_AWordWithATypo_AndAnotherWord_FindsBoth()
    {
        Assert.Contains(Content.Search.Search("contaner volume"), r => r.Tutorial.Slug == "volumes-and-data");
    }

    [Fact]
    public void Search_InACourse_FallsBackToPartialMatchesThere_WhateverOtherCoursesHave()
    {
        // Only the Docker course has both words; in the Git course, "commit" alone still finds its tutorials.
        Assert.Contains(Content.Search.Search("docker commit"), r => r.Tutorial.Slug == "images-vs-containers");

        Assert.Contains(Content.Search.Search("docker commit", course: "git"), r => r.Tutorial.Slug == "staging-and-commits");
    }

    [Fact]
    public void Search_CourseAndTagFilters_KeepOnlyMatchingTutorials()
    {
        Assert.All(Content.Search.Search("commit", course: "git"), r => Assert.Equal("git", r.Tutorial.CourseSlug));
        Assert.All(Content.Search.Search("the", tag: "docker"), r => Assert.Contains("docker", r.Tutorial.Tags));
        Assert.Empty(Content.Search.Search("commit", course: "no-such-course"));
    }

    [Fact]
    public void Search_Snippet_MarksTheMatchAndEncodesTheRest()
    {
        var snippet = Content.Search.Search("writable")[0].SnippetHtml;

        Assert.Contains("<mark>writable</mark>", snippet, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<span", snippet, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("!!! ??? ---")]
    [InlineData("zzzzqqqqxxxx")]
    public void Search_NothingToFind_ReturnsNoResults(string query) => Assert.Empty(Content.Search.Search(query));

    [Fact]
    public void Search_FAQsTakeawaysAndTasks_AreSearchedToo()
    {
        // A word that appears only in an FAQ answer of the images tutorial.
        var faq = Content.FindTutorial("docker", "images-vs-containers")!.Sections.Single(s => s.Id == "faq");
        Assert.Contains("commit", faq.Html.ToString(), StringComparison.Ordinal);

        Assert.Contains(Content.Search.Search("docker commit"), r => r.Tutorial.Slug == "images-vs-containers");
    }

    [Fact]
    public void Search_Snippet_EncodesTheTextsAngleBrackets()
    {
        // The hello tutorial shows a project file: `<OutputType>Exe</OutputType>` is text, never markup.
        var top = Content.Search.Search("outputtype")[0];
        var snippet = top.SnippetHtml;

        Assert.Equal("hello-csharp", top.Tutorial.Slug);

        Assert.Contains("&lt;<mark>OutputType</mark>&gt;Exe&lt;/<mark>OutputType</mark>&gt;", snippet, StringComparison.Ordinal);
        Assert.DoesNotContain("<", snippet.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("container")]
    [InlineData("hashset")]
    [InlineData("artifact")]
    public void Search_Snippet_IsTheTextAsWritten_WithoutSpacesWhereInlineTagsWere(string query)
    {
        // `**Image**: the built…` and highlighted `HashSet<string>`: tags inside a line, not between words.
        foreach (var result in Content.Search.Search(query))
        {
            Assert.DoesNotMatch(@" [:,;.)>]|&lt; |\( ", result.SnippetHtml.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal).Replace("&gt;", ">", StringComparison.Ordinal));
        }
    }

    [Theory]
    [InlineData("docker")]
    [InlineData("container")]
    [InlineData("commit")]
    public void Search_Snippet_StartsAndEndsWithWholeWords(string query)
    {
        foreach (var result in Content.Search.Search(query))
        {
            var snippet = System.Net.WebUtility.HtmlDecode(result.SnippetHtml.Replace("<mark>", "", StringComparison.Ordinal).Replace("</mark>", "", StringComparison.Ordinal));
            var words = Words().Matches(snippet).Select(m => m.Value).ToList();
            var tutorialWords = Words().Matches(result.Tutorial.BodyHtml.ToString() + string.Concat(result.Tutorial.Sections.Select(s => $"{s.Html}{s.IntroHtml}{string.Concat(s.Items.Select(i => i.Html))}"))).Select(m => m.Value).ToHashSet(StringComparer.Ordinal);

            Assert.True(tutorialWords.Contains(words[0]) && tutorialWords.Contains(words[^1]), $"{result.Tutorial.Slug}: {snippet}");
        }
    }

    /// <summary>A course written for the ranking cases the relevance benchmark found (bench/relevance).</summary>
    private static readonly Lazy<ContentSnapshot> Lessons = new(() =>
    {
        var folder = new TempContent(); // kept for the test run: the snapshot's tutorials point into it
        folder.Write("web/_index.md", TempContent.Course("Web"));
        folder.Write("web/01-enumerables.md", Lesson("Enumerable methods", "Walk through arrays and hashes.", "Ruby arrays have many ways to walk through them.\n\n```ruby\nfruits.each_with_index { |fruit, i| puts \"#{i}: #{fruit}\" }\n```\n\nUse `each_with_index` when you need the position."));
        folder.Write("web/02-clean-code.md", Lesson("Clean code", "Write code people can read.", "Give each variable a name with meaning, and index arrays with care. Write small functions."));
        folder.Write("web/03-side-effects.md", Lesson("How to deal with side effects", "Run code after React renders.", "React runs effects after rendering.\n\n```jsx\nuseEffect(() => { document.title = count; }, [count]);\n```"));
        folder.Write("web/04-media-queries.md", Lesson("Media queries", "Styles for every screen size.", "Media queries change styles by the size of the screen.\n\n## Breakpoints\n\nPick breakpoints from your content."));
        folder.Write("web/05-factory-functions.md", Lesson("Factory functions and the module pattern", "Make objects with functions, and keep their state private with closures.", "## Scope\n\nVariables live in scopes.\n\n## Closures aren't scary\n\nA closure is a function with the variables around it. Closures keep private state: every closure remembers its scope, and closures make the module pattern work."));
        folder.Write("web/06-conclusion.md", Lesson("Conclusion", "What you learned, and what is next.", "You learned about objects, closures and modules."));
        folder.Write("web/07-stash.md", Lesson("Saving work in progress", "Put changes aside and get them back.", "Run git stash to put changes aside, and git stash pop to get them back."));
        folder.Write("web/08-paths.md", Lesson("Paths", "Where files are.", "A path on Windows uses a backslash; elsewhere, a slash."));
        folder.Write("web/09-command-line.md", Lesson("Command line basics", "Open a terminal.", "The command line is where you type commands. Every command line shows a prompt, and a line of output after each command."));
        folder.Write("web/10-tools.md", Lesson("Tools", "What to install.", "Install the command-line tools. Re-run the installer and cat its log when it fails."));
        folder.Write("web/12-variables.md", Lesson("Variables and operators", "Store values in variables.", "Variables hold values: let and const declare variables. A page's CSS can change when a variable changes."));
        folder.Write("web/13-custom-properties.md", Lesson("Custom properties", "Values a stylesheet reuses.", "Custom properties, also called CSS variables, hold a value you reuse: declare it once on :root and read it with var()."));
        folder.Write("web/19-promises.md", Lesson("Promises", "A value that comes later.", "A promise stands for a value you will have later."));
        folder.Write("web/20-async-patterns.md", Lesson("Async patterns", "Callbacks, promises, async and await.", "## Promises\n\nPromises chain.\n\n## Promises and errors\n\nPromises reject.\n\n## Promises in parallel\n\nPromises race; promises settle; promises wait for each other."));
        folder.Write("web/18-data-loading.md", Lesson("Data loading", "Where data comes from.", "Effects can load data; a router can too. React does not mind which."));
        folder.Write("web/11-routing.md", Lesson("React router", "Pages in a React app.", "React Router maps each URL to components: install react-router-dom and declare a router."));
        return ContentLoader.Load(folder.Root, includeDrafts: false);
    });

    private static string Lesson(string title, string description, string body) => $"---\ntitle: {title}\ndescription: {description}\n---\n\n{body}\n";

    [Theory]
    [InlineData("each_with_index", "enumerables")] // whole, not "each" + "with" + "index" anywhere
    [InlineData("useEffect", "side-effects")]
    [InlineData("use effect", "side-effects")]
    [InlineData("mediaqueries", "media-queries")] // run together
    [InlineData("media-queries", "media-queries")]
    [InlineData("javascript closures", "factory-functions")] // the lesson about them, not a page that mentions them
    [InlineData("closure", "factory-functions")] // one and many are one word
    [InlineData("git stash", "stash")]
    [InlineData("commandline", "command-line")] // run together, though a page has "command-line" joined
    public void Search_RealQueries_RankTheLessonMeantFirst(string query, string expected)
    {
        Assert.Equal(expected, Lessons.Value.Search.Search(query)[0].Tutorial.Slug);
    }

    [Fact]
    public void Search_AWordTheIndexHas_IsNeverReplacedByANearSpelling()
    {
        var results = Lessons.Value.Search.Search("git stash");

        Assert.Null(results.CorrectedQuery);
        Assert.DoesNotContain(results, r => r.Tutorial.Slug == "paths"); // "slash" is one letter away
    }

    [Fact]
    public void Search_AWordTheIndexLacks_SearchesItsNearSpelling_AndSaysSo()
    {
        var results = Lessons.Value.Search.Search("javascript closuers");

        Assert.Equal("factory-functions", results[0].Tutorial.Slug);
        Assert.Equal("javascript closure", results.CorrectedQuery);
        Assert.Contains("<mark>closure</mark>", results[0].SnippetHtml, StringComparison.Ordinal);
    }

    [Fact]
    public void Search_AShortWordWithSwappedLetters_IsANearSpelling_NotTwoTinyWordsRunTogether()
    {
        var results = Lessons.Value.Search.Search("recat router"); // not re + cat

        Assert.Equal("routing", results[0].Tutorial.Slug);
        Assert.Equal("react router", results.CorrectedQuery);
    }

    [Fact]
    public void Search_TheQuerysWordsSideBySide_RaiseTheScore_TheSameWordsApartDoNot()
    {
        var withoutPhrases = TutorialSite.Web.Content.Search.SearchIndex.Build(Lessons.Value, TutorialSite.Web.Content.Search.SearchWeights.Default with { Phrase = 0 });
        double Ratio(string slug) =>
            Lessons.Value.Search.Search("css variables").Single(r => r.Tutorial.Slug == slug).Score
            / withoutPhrases.Search("css variables").Single(r => r.Tutorial.Slug == slug).Score;

        Assert.Equal(1 + TutorialSite.Web.Content.Search.SearchWeights.Default.Phrase, Ratio("custom-properties"), 6); // "CSS variables"
        Assert.Equal(1, Ratio("variables"), 6); // "CSS" and "variables" apart
    }

    [Fact]
    public void Search_FewResultsWithEveryWord_AreFollowedByThoseThatLackOne()
    {
        // Only the side-effects lesson has both words; the routing lesson has "React" alone.
        var results = Lessons.Value.Search.Search("react useEffect");

        Assert.Equal("side-effects", results[0].Tutorial.Slug);
        Assert.Contains(results, r => r.Tutorial.Slug == "routing");
        Assert.DoesNotContain(results, r => r.Tutorial.Slug == "clean-code"); // neither word
    }

    [Fact]
    public void Search_APartialMatch_NeverOutranksOneWithEveryWord_EvenWithThePhrase()
    {
        // Only the data-loading lesson has all three words (in its text); the routing lesson has "React router" side
        // by side in its title but not "effects": it follows.
        var results = Lessons.Value.Search.Search("react router effects");

        Assert.Equal("data-loading", results[0].Tutorial.Slug);
        Assert.Contains(results, r => r.Tutorial.Slug == "routing");
    }

    [Fact]
    public void Search_APageWhoseTitleIsTheQuery_OutranksALongerPageThatSaysTheWordMoreOften()
    {
        var withoutTitleCover = TutorialSite.Web.Content.Search.SearchIndex.Build(Lessons.Value, TutorialSite.Web.Content.Search.SearchWeights.Default with { TitleCover = 0 });

        Assert.Equal("async-patterns", withoutTitleCover.Search("promises")[0].Tutorial.Slug); // the word in every heading
        Assert.Equal("promises", Lessons.Value.Search.Search("promises")[0].Tutorial.Slug); // the title is the query
    }

    [Fact]
    public void Search_AsTyped_SearchesNoNearSpellings()
    {
        var results = Lessons.Value.Search.Search("javascript closuers", asTyped: true);

        Assert.Null(results.CorrectedQuery);
        Assert.DoesNotContain(results, r => r.Tutorial.Slug == "factory-functions");
    }

    [Fact]
    public void Search_ALongWordTwoEditsAway_FindsItsWord()
    {
        Assert.Equal("media-queries", Lessons.Value.Search.Search("breakpionst")[0].Tutorial.Slug);
    }

    [Fact]
    public void SearchText_OfADocumentWithRawHtml_HasItsTextButNoMarkup()
    {
        // The site's pipeline may pass raw HTML through a sanitizer: the text search reads must never carry a tag.
        var document = Markdig.Markdown.Parse(
            "<div class=\"lesson-note\">\n\nA **note** with <kbd>Ctrl</kbd> in it.\n\n</div>\n\n<details>\n<summary>More</summary>\n\nHidden `<b>` text.\n\n</details>\n",
            new Markdig.MarkdownPipelineBuilder().Build());

        var text = TutorialSite.Web.Content.Search.SearchText.Of(document);

        Assert.Contains("A note with Ctrl in it.", text.Prose, StringComparison.Ordinal);
        Assert.Contains("Hidden <b> text.", text.Prose, StringComparison.Ordinal); // code is text, written as it is
        Assert.DoesNotContain("lesson-note", text.Prose + text.Headings + text.Code, StringComparison.Ordinal);
        Assert.DoesNotContain("<kbd>", text.Prose, StringComparison.Ordinal);
    }

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex Words();
}
