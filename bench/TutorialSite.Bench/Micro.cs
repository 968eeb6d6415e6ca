using BenchmarkDotNet.Attributes;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Markdown;
using TutorialSite.Web.Content.Search;
using TutorialSite.Web.Progress;

namespace TutorialSite.Bench;

/// <summary>Parsing and rendering one tutorial: what a content change costs per file.</summary>
[MemoryDiagnoser]
public class RenderTutorial
{
    private string folder = "";
    private string markdown = "";

    [GlobalSetup]
    public void SetUp()
    {
        folder = Directory.CreateTempSubdirectory("tutorialsite-micro-").FullName;
        SyntheticContent.Generate(folder, 1);
        markdown = SyntheticContent.Tutorial(1, 1);
    }

    [GlobalCleanup]
    public void CleanUp() => Directory.Delete(folder, recursive: true);

    /// <summary>Markdig alone, with the site's pipeline and extensions.</summary>
    [Benchmark]
    public string MarkdownToHtml() => Markdig.Markdown.ToHtml(markdown, TutorialMarkdown.Pipeline);

    /// <summary>The whole load of a one-tutorial course: read, front matter, parse, render, sections, checks.</summary>
    [Benchmark]
    public int LoadOneTutorial() => ContentLoader.Load(folder, includeDrafts: false).Courses.Count;
}

/// <summary>The learner's progress query: all of one learner's ticks, among many learners'.</summary>
[MemoryDiagnoser]
public class ProgressQuery : IDisposable
{
    private string file = "";
    private string learner = "";
    private SqliteConnection keepAlive = null!;
    private DbContextOptions<ProgressDbContext> options = null!;
    private TickWriter writer = null!; // only reads are measured: it never runs
    private ProgressMetrics metrics = null!;

    [GlobalSetup]
    public void SetUp()
    {
        file = Path.Combine(Path.GetTempPath(), $"tutorialsite-micro-{Guid.NewGuid():N}.db");
        options = new DbContextOptionsBuilder<ProgressDbContext>().UseSqlite($"Data Source={file}").Options;
        metrics = new ProgressMetrics(new PlainMeters());
        writer = new TickWriter(null!, Microsoft.Extensions.Logging.Abstractions.NullLogger<TickWriter>.Instance, metrics);
        keepAlive = new SqliteConnection($"Data Source={file}");
        keepAlive.Open();
        using var db = new ProgressDbContext(options);
        db.Database.Migrate();
        // 1,000 learners with 30 ticks each; the one measured is in the middle.
        for (var l = 0; l < 1000; l++)
        {
            var id = LearnerId.New();
            learner = l == 500 ? id : learner;
            db.Learners.Add(new Learner { Id = id, CreatedAt = DateTime.UtcNow });
            for (var t = 0; t < 30; t++)
            {
                db.Ticks.Add(new Tick { LearnerId = id, CourseSlug = "course-001", TutorialSlug = $"topic-{t % 10}", ItemKey = $"idea-{t}", TickedAt = DateTime.UtcNow });
            }
        }
        db.SaveChanges();
    }

    [GlobalCleanup]
    public void Dispose()
    {
        keepAlive.Dispose();
        SqliteConnection.ClearAllPools();
        File.Delete(file);
        GC.SuppressFinalize(this);
    }

    [Benchmark]
    public async Task<int> LearnerTicks()
    {
        await using var db = new ProgressDbContext(options);
        return (await new ProgressService(db, writer, metrics, TimeProvider.System).TicksAsync(learner)).Count;
    }
}

/// <summary>
/// Search at scale: queries against the index of 2,000 generated tutorials (or <c>BENCH_SEARCH_TUTORIALS</c>:
/// the smoke run uses fewer), and building that index, which every content edit does again.
/// </summary>
[MemoryDiagnoser]
public class SearchQueries
{
    private string folder = "";
    private ContentSnapshot content = null!;
    private string rare = "";

    public static IEnumerable<int> Sizes =>
        [int.TryParse(Environment.GetEnvironmentVariable("BENCH_SEARCH_TUTORIALS"), out var size) ? size : 2000];

    [ParamsSource(nameof(Sizes))]
    public int Tutorials { get; set; }

    [GlobalSetup]
    public void SetUp()
    {
        folder = Directory.CreateTempSubdirectory("tutorialsite-micro-").FullName;
        SyntheticContent.Generate(folder, Tutorials);
        content = ContentLoader.Load(folder, includeDrafts: false);
        rare = SyntheticContent.Name(1, Tutorials / 2); // the middle tutorial's made-up word (numbers run on across courses)
        _ = content.Search;
        // Measure real work: every query finds something.
        if (CommonWord() == 0 || TitleWord() == 0 || RareWord() == 0 || TypoPrefix() == 0 || WordsInACourse() == 0)
        {
            throw new InvalidOperationException("A benchmark query found nothing: the synthetic content changed.");
        }
    }

    [GlobalCleanup]
    public void CleanUp() => Directory.Delete(folder, recursive: true);

    /// <summary>In every tutorial: the most results to rank, and 50 snippets to cut.</summary>
    [Benchmark]
    public int CommonWord() => content.Search.Search("step").Count;

    /// <summary>In every title but not in the text: each snippet looks through a whole tutorial in vain.</summary>
    [Benchmark]
    public int TitleWord() => content.Search.Search("topic").Count;

    /// <summary>In three tutorials.</summary>
    [Benchmark]
    public int RareWord() => content.Search.Search(rare).Count;

    /// <summary>A misspelt beginning ("outpt" for "output"): no word starts with it, so the vocabulary is scanned for near ones.</summary>
    [Benchmark]
    public int TypoPrefix() => content.Search.Search("outpt").Count;

    /// <summary>Three words, the last a prefix, in one course.</summary>
    [Benchmark]
    public int WordsInACourse() => content.Search.Search("explain idea to", course: "course-002").Count;

    /// <summary>The whole index, as after every content edit.</summary>
    [Benchmark]
    public int BuildIndex() => SearchIndex.Build(content).Count;
}

/// <summary>Meters without a host: nothing listens to them here.</summary>
internal sealed class PlainMeters : System.Diagnostics.Metrics.IMeterFactory
{
    public System.Diagnostics.Metrics.Meter Create(System.Diagnostics.Metrics.MeterOptions options) => new(options);

    public void Dispose()
    {
    }
}
