namespace TutorialSite.Tests.Content;

/// <summary>
/// Links written from the root of the site a lesson was copied from (react.dev's <c>/reference/react/useState</c>):
/// <c>check</c> says why they lead nowhere here and, where this site has the page, what to write instead.
/// </summary>
public sealed class LinkCheckTests : SiteOnSampleContent
{
    private const string Why = "leads to no page of this site: a link starting with `/` starts at this site's root, whose pages are `/course/tutorial`, so this looks like an address on the site the text came from";

    [Theory]
    [InlineData("/reference/react/useState#parameters", "/reference-react/usestate#parameters", "../reference-react/01-usestate.md#parameters")]
    [InlineData("/reference/react", "/reference-react", "../reference-react/_index.md")]
    [InlineData("/reference/react/experimental_useThing", "/reference-react/experimental-usething", "../reference-react/02-experimental-usething.md")]
    public void Check_AddressFromAnotherSite_SaysWhyAndNamesThePageByItsFoldersName(string written, string page, string file) =>
        Assert.Equal($"link `{written}` {Why}; this site has that page as `{page}`: write that, or link to its file, `{file}`, which works on GitHub too",
            BrokenLinkMessage(written));

    [Theory]
    [InlineData("/versions")]
    [InlineData("/docs/versions")]
    public void Check_AddressFromAnotherSite_SaysWhyAndGuessesThePageByItsLastSegment(string written) =>
        Assert.Equal($"link `{written}` {Why}; did you mean `/home/versions`? Write that, or link to its file, `../home/01-versions.md`, which works on GitHub too",
            BrokenLinkMessage(written));

    [Theory]
    [InlineData("../reference-react/01-usestate.md")]
    [InlineData("/reference-react/usestate")]
    public void Check_TheSuggestedLinkWrittenIn_LeadsToThePage(string suggested)
    {
        Assert.Empty(ProblemsWith($"See [useState]({suggested})."));
    }

    [Fact]
    public void Check_AddressFromAnotherSiteWithoutAPageHere_SaysWhyAndHowToWriteOne()
    {
        var problem = Assert.Single(ProblemsWith("See [the API](/api/v2/things)."));

        Assert.Equal($"link `/api/v2/things` {Why}; link to the Markdown file it means by its relative path (like `../course/01-tutorial.md`), or write the other site's full `https://` address",
            problem.Message);
    }

    [Theory]
    [InlineData("/docker/imagez", "link `/docker/imagez` leads to no tutorial; did you mean `/docker/images`?")]
    [InlineData("/docker/images#nowhere", "link `/docker/images#nowhere`: no element on `/docker/images` has the id `nowhere`")]
    [InlineData("/docker/notes.txt", "link `/docker/notes.txt` points at")]
    public void Check_LinkShapedLikeThisSite_KeepsItsOwnMessage(string written, string message)
    {
        var problem = Assert.Single(ProblemsWith($"See [it]({written})."));

        Assert.StartsWith(message, problem.Message, StringComparison.Ordinal);
    }

    /// <summary>The message of the one problem a link to <paramref name="written"/> has: a broken link.</summary>
    private string BrokenLinkMessage(string written)
    {
        var problem = Assert.Single(ProblemsWith($"See [it]({written})."));
        Assert.Equal(Rules.BrokenLink, problem.Rule);
        return problem.Message;
    }

    /// <summary>
    /// What loading finds in the sample, plus courses as a converter makes them from another site's folders, and a page
    /// linking out in <paramref name="paragraph"/>.
    /// </summary>
    private IReadOnlyList<ContentProblem> ProblemsWith(string paragraph)
    {
        Content.Write("reference-react/_index.md", TempContent.Course("Reference react"));
        Content.Write("reference-react/01-usestate.md", TempContent.Tutorial("useState"));
        Content.Write("reference-react/02-experimental-usething.md", TempContent.Tutorial("experimental_useThing"));
        Content.Write("home/_index.md", TempContent.Course("Home"));
        Content.Write("home/01-versions.md", TempContent.Tutorial("Versions"));
        Content.Write("docker/04-links.md", TempContent.Tutorial("Links").Replace("## Key Takeaways", paragraph + "\n\n## Key Takeaways", StringComparison.Ordinal));
        return LoadContent().Problems;
    }
}
