using System.Data.Common;
using System.Text.Json;
using Microsoft.Data.Sqlite;
using Npgsql;
using TutorialSite.Web;

namespace TutorialSite.Tests.Progress;

/// <summary>
/// The <c>insights</c> verb on a real database: counts per item in content order, the per-tutorial summary and the
/// per-course drop-off, retired items apart, and nothing below --min-learners or about any one learner.
/// </summary>
[Trait("Database", TestDatabase.OnBothProviders)]
public sealed class InsightsTests : IDisposable
{
    private readonly TempContent content = TempContent.Sample();
    private readonly TutorialSiteFactory site;

    public InsightsTests()
    {
        site = new TutorialSiteFactory(content.Root, environment: "Production");
        _ = site.Services; // started: the database is migrated
        // Six learners in docker/images: all tick the first takeaway, five the second, two the practice task; five go
        // on to docker/volumes. Five once ticked a key the content no longer has. Answers: six "Still true", one "Not anymore".
        var ticks = new List<(int Learner, string Tutorial, string Key)>();
        for (var l = 0; l < 6; l++)
        {
            ticks.Add((l, "images", "explain-images"));
            if (l < 5)
            {
                ticks.AddRange([(l, "images", "run-container"), (l, "volumes", "explain-images"), (l, "images", "old-wording")]);
            }
            if (l < 2)
            {
                ticks.Add((l, "images", "run-ps"));
            }
        }
        Execute(string.Concat(Enumerable.Range(0, 6).Select(l => $"""INSERT INTO "Learners" ("Id", "CreatedAt") VALUES ('{Learner(l)}', '2026-11-01 10:00:00');""")));
        Execute(string.Concat(ticks.Select(t =>
            $"""INSERT INTO "Ticks" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "TickedAt") VALUES ('{Learner(t.Learner)}', 'docker', '{t.Tutorial}', '{t.Key}', '2026-11-01 10:00:00');""")));
        Execute(string.Concat(Enumerable.Range(0, 6).Select(l =>
            $"""INSERT INTO "Reviews" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "Box", "DueAt", "AnsweredAt", "StillTrue", "NotAnymore") VALUES ('{Learner(l)}', 'docker', 'images', 'explain-images', 1, '2026-11-11 10:00:00', '2026-11-04 10:00:00', 1, {(l == 0 ? 1 : 0)});""")));
    }

    public void Dispose()
    {
        site.Dispose();
        content.Dispose();
    }

    [Fact]
    public async Task Csv_OneRowPerItemInContentOrder_SmallCountsSuppressed_RetiredApart()
    {
        var (code, output, _) = await RunAsync();

        Assert.Equal(0, code);
        Assert.Equal(
            """
            course,tutorial,key,section,text,learners_ticked,share_of_visitors,still_true,not_anymore
            docker,images,explain-images,takeaway,I can explain images.,6,1,6,<5
            docker,images,run-container,takeaway,I can run a container.,5,0.83,<5,<5
            docker,images,run-ps,task,Run docker ps.,<5,<5,<5,<5
            docker,volumes,explain-images,takeaway,I can explain images.,5,1,<5,<5
            docker,volumes,run-container,takeaway,I can run a container.,<5,<5,<5,<5
            docker,volumes,run-ps,task,Run docker ps.,<5,<5,<5,<5
            git,commits,explain-images,takeaway,I can explain images.,<5,<5,<5,<5
            git,commits,run-container,takeaway,I can run a container.,<5,<5,<5,<5
            git,commits,run-ps,task,Run docker ps.,<5,<5,<5,<5
            docker,images,old-wording,retired,,5,,<5,<5

            """.ReplaceLineEndings("\n"), output);
    }

    [Fact]
    public async Task Json_TutorialSummaryAndCourseDropOff_NullBelowTheThreshold()
    {
        var (code, output, _) = await RunAsync("--format", "json", "--course", "docker");

        Assert.Equal(0, code);
        using var json = JsonDocument.Parse(output);
        var docker = Assert.Single(json.RootElement.GetProperty("courses").EnumerateArray());
        Assert.Equal([6, 5], docker.GetProperty("dropOff").EnumerateArray().Select(d => d.GetProperty("learners").GetInt32()));
        var images = docker.GetProperty("tutorials")[0];
        Assert.Equal(6, images.GetProperty("started").GetInt32());
        Assert.Equal(JsonValueKind.Null, images.GetProperty("finished").ValueKind); // two finished: fewer than 5
        Assert.Equal(2, images.GetProperty("medianItemsTicked").GetDouble()); // 1, 2, 2, 2, 3, 3
        Assert.Equal(0.83, images.GetProperty("checklist")[1].GetProperty("shareOfVisitors").GetDouble());
        Assert.Equal(JsonValueKind.Null, images.GetProperty("checklist")[2].GetProperty("learnersTicked").ValueKind);
        Assert.Equal("old-wording", json.RootElement.GetProperty("retired")[0].GetProperty("key").GetString());
    }

    [Fact]
    public async Task MinLearners1_ShowsEveryCountButZero_AndMarkdownHasTheSummary()
    {
        var (code, output, _) = await RunAsync("--format", "md", "--min-learners", "1", "--course", "docker");

        Assert.Equal(0, code);
        Assert.Contains("Started: 6 · finished every item: 2 · median items ticked: 2 of 3", output, StringComparison.Ordinal);
        Assert.Contains("| task | `run-ps` | Run docker ps. | 2 | 0.33 | <1 | <1 |", output, StringComparison.Ordinal);
        Assert.Contains("| 2 | Volumes | 5 |", output, StringComparison.Ordinal);
        Assert.DoesNotContain("git", output, StringComparison.Ordinal);
    }

    public static TheoryData<string> EveryFormat() => [.. Insights.Formats];

    [Theory]
    [MemberData(nameof(EveryFormat))]
    public async Task NoFormat_EverNamesALearnerOrATime(string format)
    {
        var (_, output, _) = await RunAsync("--format", format, "--min-learners", "1");

        Assert.DoesNotContain("learner-", output, StringComparison.Ordinal);
        Assert.DoesNotContain("2026", output, StringComparison.Ordinal);
        Assert.DoesNotContain("10:00", output, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData(2, "--format", "xml")]
    [InlineData(2, "--min-learners", "0")]
    [InlineData(2, "--course")]
    [InlineData(2, "--everything")]
    [InlineData(1, "--course", "no-such-course")]
    public async Task BadArguments_SayWhatIsWrong(int expected, params string[] args)
    {
        var (code, output, error) = await RunAsync(args);

        Assert.Equal(expected, code);
        Assert.Empty(output);
        Assert.Contains(expected == 2 ? "Usage: insights" : "there is no course `no-such-course`. Courses: docker, git", error, StringComparison.Ordinal);
    }

    private async Task<(int Code, string Output, string Error)> RunAsync(params string[] args)
    {
        var (output, error) = (new StringWriter(), new StringWriter());
        var code = await Insights.RunAsync(site.Services, args, output, error);
        return (code, output.ToString(), error.ToString());
    }

    private static string Learner(int n) => $"learner-{n}-0123456789abcdef0123456789abcdef";

    private void Execute(string sql)
    {
        using DbConnection connection = site.Database.IsPostgres ? new NpgsqlConnection(site.ConnectionString) : new SqliteConnection(site.ConnectionString);
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
