using System.Net;
using System.Text.Json;
using Microsoft.Extensions.DependencyInjection;

namespace TutorialSite.Tests.Content;

public sealed class ContentCacheTests : IDisposable
{
    private readonly string folder = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));

    private string CacheFile => Path.Combine(folder, ContentCache.FileName);

    [Fact]
    public void ReadAfterWrite_IsTheSameSnapshot()
    {
        var loaded = ContentLoader.Load(RepoPaths.Content, includeDrafts: false);

        ContentCache.Write(CacheFile, loaded, includeDrafts: false);
        var cached = ContentCache.Read(CacheFile, loaded.Root, includeDrafts: false);

        Assert.NotNull(cached);
        Assert.NotEmpty(loaded.Tutorials);
        // Every property of every course, tutorial, section and item, compared as JSON.
        Assert.Equal(Everything(loaded), Everything(cached));
    }

    [Fact]
    public void ReadAfterWrite_KeepsRawHtmlIdsAndWhatWasRemoved()
    {
        using var content = TempContent.OneTutorial("---\ntitle: Raw\n---\n\n<span id=\"kept\"></span><span id=\"main\"></span>\n");
        var loaded = ContentLoader.Load(content.Root, includeDrafts: false);

        ContentCache.Write(CacheFile, loaded, includeDrafts: false);
        var cached = ContentCache.Read(CacheFile, loaded.Root, includeDrafts: false)!.FindTutorial("c", "a")!;

        Assert.Contains("kept", cached.Anchors);
        Assert.Contains("main", cached.RemovedAnchors.Keys);
        Assert.Equal(Everything(loaded), Everything(ContentCache.Read(CacheFile, loaded.Root, includeDrafts: false)!));
    }

    [Fact]
    public void Load_FromTheCache_ParsesOnlyTheFilesChangedSince()
    {
        using var content = TempContent.Sample();
        ContentCache.Write(CacheFile, ContentLoader.Load(content.Root, includeDrafts: false), includeDrafts: false);
        var edited = content.Write("docker/01-images.md", TempContent.Tutorial("Images, edited"));
        File.SetLastWriteTimeUtc(edited, DateTime.UtcNow.AddSeconds(5));
        var cached = ContentCache.Read(CacheFile, content.Root, includeDrafts: false)!;

        var restarted = ContentLoader.Load(content.Root, includeDrafts: false, cached);

        Assert.Equal("Images, edited", restarted.FindTutorial("docker", "images")!.Title);
        Assert.Same(cached.FindTutorial("docker", "volumes"), restarted.FindTutorial("docker", "volumes"));
        Assert.Equal(Everything(ContentLoader.Load(content.Root, includeDrafts: false)), Everything(restarted));
    }

    [Fact]
    public void Read_CacheOfAnotherFolderOrDraftSetting_IsNotUsed()
    {
        using var content = TempContent.Sample();
        ContentCache.Write(CacheFile, ContentLoader.Load(content.Root, includeDrafts: false), includeDrafts: false);

        Assert.Null(ContentCache.Read(CacheFile, content.Root + "-elsewhere", includeDrafts: false));
        Assert.Null(ContentCache.Read(CacheFile, content.Root, includeDrafts: true));
        Assert.Null(ContentCache.Read(Path.Combine(folder, "missing.json"), content.Root, includeDrafts: false));
    }

    [Theory]
    [InlineData("{\"Build\": ")]
    [InlineData("not json at all")]
    [InlineData("{\"Build\":\"x\",\"Root\":\"/\",\"IncludeDrafts\":false,\"Courses\":[{\"Tutorials\":[{\"Anchors\":{}}]}]}")]
    public async Task Start_WithABrokenCache_ParsesTheContentAndRewritesTheCache(string broken)
    {
        using var content = TempContent.Sample();
        var database = TestDatabase.Create();
        Directory.CreateDirectory(database.Folder);
        var cacheFile = Path.Combine(database.Folder, ContentCache.FileName);
        await File.WriteAllTextAsync(cacheFile, broken);

        await using var site = new TutorialSiteFactory(content.Root, database, environment: "Production");
        using var page = await site.CreateClient().GetAsync("/docker/images");
        await site.Services.GetRequiredService<ContentLoading>().CacheWritten;

        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        Assert.NotNull(ContentCache.Read(cacheFile, content.Root, includeDrafts: false));
    }

    [Fact]
    public async Task Restart_ServesFromTheCacheWrittenByTheLastRun_EvenOneStoppedRightAfterItsStart()
    {
        using var content = TempContent.Sample();
        var database = TestDatabase.Create();
        await using (var first = new TutorialSiteFactory(content.Root, database, environment: "Production"))
        {
            using var page = await first.CreateClient().GetAsync("/docker/images");
            Assert.Equal(HttpStatusCode.OK, page.StatusCode);
            // Stopped within the start-up grace, before the cache's background write began: the stop writes it.
        }
        var cacheFile = Path.Combine(database.Folder, ContentCache.FileName);
        var written = ContentCache.Read(cacheFile, content.Root, includeDrafts: false)!;

        await using var restarted = new TutorialSiteFactory(content.Root, database, environment: "Production");
        var snapshot = restarted.Services.GetRequiredService<ContentStore>().Current;

        Assert.Equal(Everything(written), Everything(snapshot));
        Assert.Contains("An introduction to Images.", await restarted.CreateClient().GetStringAsync("/docker/images"), StringComparison.Ordinal);
    }

    private static readonly JsonSerializerOptions AllOfIt = new() { IncludeFields = true };

    private static string Everything(ContentSnapshot snapshot) => JsonSerializer.Serialize(snapshot.Courses, AllOfIt);

    public void Dispose()
    {
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
