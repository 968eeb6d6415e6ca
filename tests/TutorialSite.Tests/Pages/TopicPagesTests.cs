namespace TutorialSite.Tests.Pages;

/// <summary>
/// The pages a student browses by: the topics index (A to Z, with counts), a topic's tutorials as cards by course
/// with related topics, and search's ways on when it has nothing (or nothing yet) to show. On the sample content.
/// </summary>
public sealed class TopicPagesTests : SiteOnRepositoryContent
{
    [Fact]
    public async Task TopicsIndex_GroupsEveryTopicByLetter_WithItsTutorialCount()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/tags");

        var letters = page.QuerySelectorAll(".topic-letter").Select(h => h.TextContent).ToList();
        Assert.Equal(letters.Order(StringComparer.Ordinal), letters);
        Assert.Contains("G", letters);
        var topics = page.QuerySelectorAll(".topic-list li")
            .ToDictionary(li => li.QuerySelector("a")!.GetAttribute("href")!, li => li.QuerySelector(".tag-count")!.TextContent.Trim());
        Assert.Equal(", 4 tutorials", topics["/tags/git"]);
        Assert.Equal(", 1 tutorial", topics["/tags/linq"]);
        Assert.All(page.QuerySelectorAll(".topic-group"), group =>
            Assert.All(group.QuerySelectorAll(".topic-list a"), a => Assert.StartsWith(group.QuerySelector(".topic-letter")!.TextContent.ToLowerInvariant(), a.TextContent, StringComparison.Ordinal)));
        Assert.Equal("Topics · TutorialSite", page.Title);
    }

    [Fact]
    public async Task TopicPage_ShowsItsTutorialsAsCardsByCourse_MarksTheTopic_AndOffersRelatedOnes()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/tags/git");

        Assert.Equal(["/git"], page.QuerySelectorAll(".result-group-title a").Select(a => a.GetAttribute("href")));
        var cards = page.QuerySelectorAll(".result-card");
        Assert.Equal(4, cards.Length);
        Assert.Equal("/git/first-repository", cards[0].QuerySelector(".result-title a")!.GetAttribute("href"));
        Assert.Equal("h3", cards[0].QuerySelector(".result-title")!.LocalName);
        Assert.All(cards, card =>
        {
            Assert.Equal("#git", card.QuerySelector(".tag.is-current")!.TextContent);
            Assert.Null(card.QuerySelector("a[href='/tags/git']"));
            Assert.Contains("min read", card.QuerySelector(".result-meta")!.TextContent, StringComparison.Ordinal);
        });
        var related = page.QuerySelectorAll(".related-topics .chip-list a").Select(a => a.GetAttribute("href")).ToList();
        Assert.Contains("/tags/basics", related);
        Assert.DoesNotContain("/tags/git", related);
        Assert.NotNull(page.QuerySelector(".related-topics a[href='/tags']"));
        Assert.Contains("4 tutorials in 1 course", page.QuerySelector(".page-lead")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Search_Filtered_SaysSo_AndLinksToTheWholeSearch()
    {
        var page = await Site.CreateBrowser().GetDocumentAsync("/search?q=run&course=docker&tag=basics");

        var filtered = page.QuerySelector(".search-filtered")!;
        Assert.Contains("Filtered to Docker and #basics", filtered.TextContent, StringComparison.Ordinal);
        Assert.Equal("/search?q=run", filtered.QuerySelector("a")!.GetAttribute("href"));
        Assert.NotEmpty(page.QuerySelectorAll(".result-card"));
        Assert.Null(page.QuerySelector(".empty-state"));
        // Each filtered search is a page of its own, told apart in its title and description.
        Assert.Equal("Search: run (Docker and #basics) · TutorialSite", page.Title);
        Assert.StartsWith("Search the tutorials within Docker and #basics", page.QuerySelector("meta[name=description]")!.GetAttribute("content"), StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("/search", "Or browse by topic", null)]
    [InlineData("/search?q=qwxyzzyq", "Browse instead", null)]
    [InlineData("/search?q=qwxyzzyq&tag=git", "Try a wider search", "/search?q=qwxyzzyq")]
    public async Task Search_WithNothingToShow_OffersAWayOn(string url, string heading, string? wider)
    {
        var page = await Site.CreateBrowser().GetDocumentAsync(url);

        var empty = page.QuerySelector("#search-results .empty-state")!;
        Assert.Equal(heading, empty.QuerySelector("h2")!.TextContent);
        Assert.Equal(12, empty.QuerySelectorAll(".chip-list a[href^='/tags/']").Length);
        Assert.NotNull(empty.QuerySelector("a[href='/courses']"));
        Assert.NotNull(empty.QuerySelector("a[href='/tags']"));
        Assert.Equal(wider, empty.QuerySelector("p > a[href^='/search']")?.GetAttribute("href"));
        Assert.Empty(page.QuerySelectorAll(".result-card"));
    }
}
