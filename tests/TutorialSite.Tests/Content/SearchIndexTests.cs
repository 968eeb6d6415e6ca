using TutorialSite.Web.Content;

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
        var snippet = Content.Search.Search("outputtype").Single().SnippetHtml;

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

    [System.Text.RegularExpressions.GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial System.Text.RegularExpressions.Regex Words();
}
