using TutorialSite.Web.Content;

namespace TutorialSite.Tests.Content;

/// <summary>
/// A snapshot whose text is the one before it (a batch of the first start's pass renders HTML only) keeps that one's
/// index terms, resolved in its own tutorials; an edit's snapshot gets an index of its own.
/// </summary>
public sealed class SearchIndexSharingTests
{
    [Fact]
    public void SnapshotWithTheSameText_SharesTheIndexTerms_ButAnswersWithItsOwnTutorials()
    {
        using var content = TempContent.Sample();
        var before = ContentLoader.Load(content.Root, includeDrafts: false);
        var indexBefore = before.Search;
        // Every file parsed again: new tutorials (new HTML), the same text.
        var after = ContentLoader.Load(content.Root, includeDrafts: false);

        after.KeepSearchOf(before);

        Assert.True(after.Search.SharesTermsWith(indexBefore));
        var top = after.Search.Search("introduction to volumes")[0].Tutorial;
        Assert.Same(after.FindTutorial("docker", "volumes"), top);
        Assert.NotSame(before.FindTutorial("docker", "volumes"), top);
        Assert.Equal(Results(ContentLoader.Load(content.Root, includeDrafts: false).Search, "run a container"), Results(after.Search, "run a container"));
    }

    [Fact]
    public void SnapshotsWithTheSameText_BuildTheirTermsOnce_WhicheverIsSearchedFirst()
    {
        using var content = TempContent.Sample();
        var before = ContentLoader.Load(content.Root, includeDrafts: false);
        var after = ContentLoader.Load(content.Root, includeDrafts: false);

        after.KeepSearchOf(before);

        // Neither was searched before they were joined: the later one builds, the earlier one reuses.
        Assert.True(before.Search.SharesTermsWith(after.Search));
    }

    [Fact]
    public void EditedSnapshot_BuildsAnIndexOfItsOwn_ThatFindsTheNewTextAndNotTheOld()
    {
        using var content = TempContent.Sample();
        var before = ContentLoader.Load(content.Root, includeDrafts: false);
        var indexBefore = before.Search;
        var file = Path.Combine(content.Root, "docker", "01-images.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("An introduction to Images.", "An introduction to zanzibarish images.", StringComparison.Ordinal));
        var after = ContentLoader.Load(content.Root, includeDrafts: false, before);

        after.KeepSearchOf(before);

        Assert.False(after.Search.SharesTermsWith(indexBefore));
        Assert.Contains(after.Search.Search("zanzibarish"), r => r.Tutorial.Slug == "images");
        Assert.Empty(before.Search.Search("zanzibarish"));
    }

    [Fact]
    public void SnapshotWithATutorialRetitled_OrRemoved_DoesNotShare()
    {
        using var content = TempContent.Sample();
        var before = ContentLoader.Load(content.Root, includeDrafts: false);
        var file = Path.Combine(content.Root, "docker", "01-images.md");
        File.WriteAllText(file, File.ReadAllText(file).Replace("title: Images", "title: Images, retitled", StringComparison.Ordinal));
        var retitled = ContentLoader.Load(content.Root, includeDrafts: false);
        File.Delete(file);
        var removed = ContentLoader.Load(content.Root, includeDrafts: false);

        retitled.KeepSearchOf(before);
        removed.KeepSearchOf(before);

        Assert.False(retitled.Search.SharesTermsWith(before.Search));
        Assert.False(removed.Search.SharesTermsWith(before.Search));
        Assert.Contains(retitled.Search.Search("retitled"), r => r.Tutorial.Slug == "images");
    }

    private static List<string> Results(Web.Content.Search.SearchIndex index, string query) =>
        [.. index.Search(query).Select(r => $"{r.Tutorial.CourseSlug}/{r.Tutorial.Slug} {r.Score:0.000} {r.SnippetHtml}")];
}
