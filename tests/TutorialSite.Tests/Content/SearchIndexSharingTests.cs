namespace TutorialSite.Tests.Content;

/// <summary>
/// A snapshot whose text is the one before it (a batch of the first start's pass renders HTML only) keeps that one's
/// index terms, resolved in its own tutorials; an edit's snapshot gets an index of its own.
/// </summary>
public sealed class SearchIndexSharingTests : SiteOnSampleContent
{
    [Fact]
    public void SnapshotWithTheSameText_SharesTheIndexTerms_ButAnswersWithItsOwnTutorials()
    {
        var before = LoadContent();
        var indexBefore = before.Search;
        // Every file parsed again: new tutorials (new HTML), the same text.
        var after = LoadContent();

        after.KeepSearchOf(before);

        Assert.True(after.Search.SharesTermsWith(indexBefore));
        var top = after.Search.Search("introduction to volumes")[0].Tutorial;
        Assert.Same(after.FindTutorial("docker", "volumes"), top);
        Assert.NotSame(before.FindTutorial("docker", "volumes"), top);
        Assert.Equal(Results(LoadContent().Search, "run a container"), Results(after.Search, "run a container"));
    }

    [Fact]
    public void SnapshotsWithTheSameText_BuildTheirTermsOnce_WhicheverIsSearchedFirst()
    {
        var before = LoadContent();
        var after = LoadContent();

        after.KeepSearchOf(before);

        // Neither was searched before they were joined: the later one builds, the earlier one reuses.
        Assert.True(before.Search.SharesTermsWith(after.Search));
    }

    [Fact]
    public void EditedSnapshot_BuildsAnIndexOfItsOwn_ThatFindsTheNewTextAndNotTheOld()
    {
        var before = LoadContent();
        var indexBefore = before.Search;
        var file = Path.Combine(Content.Root, "docker", "01-images.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("An introduction to Images.", "An introduction to zanzibarish images.", StringComparison.Ordinal));
        var after = LoadContent(previous: before);

        after.KeepSearchOf(before);

        Assert.False(after.Search.SharesTermsWith(indexBefore));
        Assert.Contains(after.Search.Search("zanzibarish"), r => r.Tutorial.Slug == "images");
        Assert.Empty(before.Search.Search("zanzibarish"));
    }

    [Fact]
    public void SnapshotWithATutorialRetitled_OrRemoved_DoesNotShare()
    {
        var before = LoadContent();
        var file = Path.Combine(Content.Root, "docker", "01-images.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("title: Images", "title: Images, retitled", StringComparison.Ordinal));
        var retitled = LoadContent();
        File.Delete(file);
        var removed = LoadContent();

        retitled.KeepSearchOf(before);
        removed.KeepSearchOf(before);

        Assert.False(retitled.Search.SharesTermsWith(before.Search));
        Assert.False(removed.Search.SharesTermsWith(before.Search));
        Assert.Contains(retitled.Search.Search("retitled"), r => r.Tutorial.Slug == "images");
    }

    private static List<string> Results(Web.Content.Search.SearchIndex index, string query) =>
        [.. index.Search(query).Select(r => $"{r.Tutorial.CourseSlug}/{r.Tutorial.Slug} {r.Score:0.000} {r.SnippetHtml}")];
}
