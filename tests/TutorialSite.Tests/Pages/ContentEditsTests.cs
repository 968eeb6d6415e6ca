using System.Net;

namespace TutorialSite.Tests.Pages;

/// <summary>A running site follows editors' edits, and no edit makes a learner's ticks vanish.</summary>
[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class ContentEditsTests : SiteOnSampleContent
{
    [Fact]
    public async Task LiveReload_EditedFile_IsServedWithoutARestart()
    {
        var browser = Site.CreateBrowser();
        await browser.GetDocumentAsync(Page);

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images, revised"));

        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync(Page)).QuerySelector("h1")!.TextContent == "Images, revised");
    }

    [Fact]
    public async Task LiveReload_AddedFile_IsServedAndDeletedFileIsGone()
    {
        var browser = Site.CreateBrowser();
        await browser.GetDocumentAsync(Page);

        Content.Write("git/02-branches.md", TempContent.Tutorial("Branches"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/git/branches")).StatusCode == HttpStatusCode.OK);

        File.Delete(Path.Combine(Content.Root, "git", "02-branches.md"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/git/branches")).StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LiveReload_NewCourseFolder_IsServed_AndMovesWhenTheFolderIsRenamed()
    {
        var browser = Site.CreateBrowser();
        await browser.GetDocumentAsync(Page);

        Content.Write("rust/_index.md", TempContent.Course("Rust", order: 3));
        Content.Write("rust/01-ownership.md", TempContent.Tutorial("Ownership"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/rust/ownership")).StatusCode == HttpStatusCode.OK);

        Directory.Move(Path.Combine(Content.Root, "rust"), Path.Combine(Content.Root, "rustlang"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/rustlang/ownership")).StatusCode == HttpStatusCode.OK);
        Assert.Equal(HttpStatusCode.NotFound, (await browser.GetAsync("/rust/ownership")).StatusCode);

        Directory.Delete(Path.Combine(Content.Root, "rustlang"), recursive: true);
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/rustlang/ownership")).StatusCode == HttpStatusCode.NotFound);
    }

    [Fact]
    public async Task LiveReload_BrokenFile_KeepsItsLastGoodVersionAndTheRestServedAndShowsTheProblem()
    {
        var browser = Site.CreateBrowser();
        await browser.GetDocumentAsync(Page);

        Content.Write("docker/01-images.md", "---\ntitle: [half-saved\n---\n");
        Content.Write("git/01-commits.md", TempContent.Tutorial("Commits, revised"));
        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync("/git/commits")).QuerySelector("h1")!.TextContent == "Commits, revised");

        var page = await browser.GetDocumentAsync(Page);
        Assert.Equal("Images", page.QuerySelector("h1")!.TextContent);
        Assert.Contains("[front-matter-yaml]", page.QuerySelector(".alert-warning")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task FormerKey_TickUnderTheOldKey_CountsForTheRewordedItemAndUntickRemovesIt()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can explain layers. {#explain-layers was explain-images}\n- I can run a container. {#run-container}\n"));
        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync(Page)).QuerySelector("#item-explain-layers") is not null);

        var page = await browser.GetDocumentAsync(Page);
        Assert.True(page.IsTicked("explain-layers"));
        Assert.Equal("1 of 3 checked off", page.QuerySelector("[data-progress-text]")!.TextContent);

        await browser.SubmitTickAsync(page, "explain-layers", done: false);
        Assert.False((await browser.GetDocumentAsync(Page)).IsTicked("explain-layers"));
        Assert.Equal(0L, Scalar("""SELECT COUNT(*) FROM "Ticks" """));
    }

    [Fact]
    public async Task TutorialAlias_OldUrlRedirectsPermanentlyAndTicksCarryOver()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-container");

        File.Delete(Path.Combine(Content.Root, "docker", "01-images.md"));
        Content.Write("docker/01-container-images.md", TempContent.Tutorial("Container images", "aliases: [images]"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/docker/container-images")).StatusCode == HttpStatusCode.OK);

        using var old = await browser.GetAsync(Page);
        Assert.Equal(HttpStatusCode.MovedPermanently, old.StatusCode);
        Assert.Equal("/docker/container-images", old.Headers.Location?.OriginalString);
        Assert.True((await browser.GetDocumentAsync("/docker/container-images")).IsTicked("run-container"));
    }

    [Fact]
    public async Task RetiredKey_TickStaysInTheDatabaseButCountsNowhere()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can run a container. {#run-container}\n"));
        await Eventually.EditServedAsync(async () => (await browser.GetDocumentAsync(Page)).QuerySelector("#item-explain-images") is null);

        Assert.Equal("0 of 2 checked off", (await browser.GetDocumentAsync(Page)).QuerySelector("[data-progress-text]")!.TextContent);
        Assert.Contains("0 of 2", (await browser.GetDocumentAsync("/progress")).QuerySelector(".list-group")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("""SELECT COUNT(*) FROM "Ticks" WHERE "ItemKey" = 'explain-images'"""));
    }

    [Fact]
    public async Task NewItems_InACompletedTutorial_MakeItIncompleteAndAreMarkedNewOnce()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images", "run-container", "run-ps");
        Assert.Contains("Complete", (await browser.GetDocumentAsync("/docker")).QuerySelector(".tutorial-list li")!.TextContent, StringComparison.Ordinal);

        Content.Write("docker/01-images.md", TempContent.Tutorial("Images", takeaways: "- I can explain images. {#explain-images}\n- I can run a container. {#run-container}\n- I can prune images. {#prune}\n"));
        await Eventually.EditServedAsync(async () => (await browser.GetAsync("/docker")) is var r && !(await r.Content.ReadAsStringAsync()).Contains("Complete", StringComparison.Ordinal));

        var changed = await browser.GetDocumentAsync(Page);
        Assert.Contains("New", changed.QuerySelector("#item-prune label")!.TextContent, StringComparison.Ordinal);
        Assert.DoesNotContain("New", changed.QuerySelector("#item-run-container label")!.TextContent, StringComparison.Ordinal);
        Assert.Equal("3 of 4 checked off", changed.QuerySelector("[data-progress-text]")!.TextContent);

        var again = await browser.GetDocumentAsync(Page);
        Assert.DoesNotContain("New", again.QuerySelector("#item-prune label")!.TextContent, StringComparison.Ordinal);
    }

    private long Scalar(string sql) => Site.Database.Scalar(sql);
}
