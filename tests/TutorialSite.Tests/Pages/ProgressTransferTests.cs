using System.Text;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Tests.Pages;

/// <summary>Resume, export and import, and device codes: progress that moves with the learner.</summary>
public sealed class ProgressTransferTests() : SiteOnSampleContent("Production")
{
    [Fact]
    public async Task Home_AfterATick_OffersToContinueWithTheNextUntickedItemAndEachCoursesNextTutorial()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");

        var home = await browser.GetDocumentAsync("/");

        var resume = home.QuerySelector(".continue")!;
        Assert.Equal("/docker/images#item-run-container", resume.QuerySelector("a")!.GetAttribute("href"));
        Assert.Contains("I can run a container.", resume.TextContent, StringComparison.Ordinal);
        Assert.Contains("Next: Images", home.QuerySelector(".course-list li")!.TextContent, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ExportThenImport_InAnotherBrowser_GivesTheSameTicks()
    {
        var first = Site.CreateBrowser();
        await first.TickAsync(Page, "explain-images", "run-ps");
        using var export = await first.GetAsync("/progress?handler=Export");
        var file = await export.Content.ReadAsByteArrayAsync();
        Assert.Equal("application/json", export.Content.Headers.ContentType?.MediaType);

        var second = Site.CreateBrowser();
        var report = await second.ImportAsync(file);

        Assert.Contains("Imported: 2 new ticks, 0 already here", report.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        var secondPage = await second.GetDocumentAsync(Page);
        Assert.True(secondPage.IsTicked("explain-images"));
        Assert.True(secondPage.IsTicked("run-ps"));
        Assert.False(secondPage.IsTicked("run-container"));
    }

    [Fact]
    public async Task Import_MergesNeverDeletes_AndReportsUnknownKeys()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "run-container");
        var file = """
            {"format":"tutorialsite-progress","version":1,"exportedAt":"2026-11-27T00:00:00Z","ticks":[
              {"course":"docker","tutorial":"images","key":"explain-images","tickedAt":"2026-11-26T10:00:00Z"},
              {"course":"docker","tutorial":"images","key":"run-container","tickedAt":"2026-11-26T10:00:00Z"},
              {"course":"docker","tutorial":"images","key":"no-such-key","tickedAt":"2026-11-26T10:00:00Z"},
              {"course":"nope","tutorial":"gone","key":"x","tickedAt":"2026-11-26T10:00:00Z"}]}
            """;

        var report = await browser.ImportAsync(Encoding.UTF8.GetBytes(file));

        var status = report.QuerySelector("[role=status]")!.TextContent;
        Assert.Contains("Imported: 1 new tick, 1 already here", status, StringComparison.Ordinal);
        Assert.Contains("docker/images#no-such-key", status, StringComparison.Ordinal);
        Assert.Contains("nope/gone#x", status, StringComparison.Ordinal);
        var page = await browser.GetDocumentAsync(Page);
        Assert.True(page.IsTicked("explain-images") && page.IsTicked("run-container"));
    }

    [Theory]
    [InlineData("not json at all")]
    [InlineData("""{"format":"something-else","version":1,"ticks":[]}""")]
    [InlineData("""{"format":"tutorialsite-progress","version":99,"ticks":[]}""")]
    [InlineData("[1,2,3]")]
    public async Task Import_NotAProgressFile_SaysSoAndChangesNothing(string file)
    {
        var browser = Site.CreateBrowser();

        var report = await browser.ImportAsync(Encoding.UTF8.GetBytes(file));

        Assert.Contains("Nothing was changed", report.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(0L, Scalar("SELECT COUNT(*) FROM Ticks"));
    }

    [Fact]
    public async Task DeviceCode_AttachesAnotherBrowserOnce_AndTheOldCookieKeepsWorking()
    {
        var (phone, code) = await PhoneWithACodeAsync();

        var laptop = Site.CreateBrowser();
        var linked = await laptop.LinkAsync(code);
        var thief = Site.CreateBrowser();
        var again = await thief.LinkAsync(code);

        Assert.Contains("now shares the progress", linked.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.True((await laptop.GetDocumentAsync(Page)).IsTicked("explain-images"));
        Assert.Contains("does not work", again.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.False((await thief.GetDocumentAsync(Page)).IsTicked("explain-images"));
        Assert.True((await phone.GetDocumentAsync(Page)).IsTicked("explain-images"));
    }

    [Fact]
    public async Task DeviceCode_Expired_OrWrong_DoesNotWork()
    {
        var (_, code) = await PhoneWithACodeAsync();
        Execute("UPDATE DeviceCodes SET ExpiresAt = '2000-01-01 00:00:00'");

        var expired = await Site.CreateBrowser().LinkAsync(code);
        var wrong = await Site.CreateBrowser().LinkAsync("AAAAA-BBBBB");

        Assert.Contains("does not work", expired.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("does not work", wrong.QuerySelector("[role=status]")!.TextContent, StringComparison.Ordinal);
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM Learners"));
    }

    [Fact]
    public async Task DeviceCodes_AreStoredOnlyAsHashes()
    {
        var (_, code) = await PhoneWithACodeAsync();

        Assert.Equal(0L, Scalar($"SELECT COUNT(*) FROM DeviceCodes WHERE CodeHash LIKE '%{code.Replace("-", "", StringComparison.Ordinal)}%'"));
        Assert.Equal(1L, Scalar("SELECT COUNT(*) FROM DeviceCodes"));
    }

    [Fact]
    public async Task Progress_ShowsTicksOnRetiredItemsApart()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");
        Execute("UPDATE Ticks SET ItemKey = 'retired-item'");

        var progress = await browser.GetDocumentAsync("/progress");

        Assert.Contains("retired-item", progress.QuerySelector(".retired")!.TextContent, StringComparison.Ordinal);
        Assert.Contains("0 of 9", progress.QuerySelector(".summary-figures")!.TextContent, StringComparison.Ordinal);
    }

    /// <summary>A browser that ticked an item and asked for a code for another device.</summary>
    private async Task<(HttpClient Phone, string Code)> PhoneWithACodeAsync()
    {
        var phone = Site.CreateBrowser();
        await phone.TickAsync(Page, "explain-images");
        return (phone, await phone.NewCodeAsync());
    }

    private long Scalar(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Site.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (long)command.ExecuteScalar()!;
    }

    private void Execute(string sql)
    {
        using var connection = new SqliteConnection($"Data Source={Site.DatabaseFile};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
