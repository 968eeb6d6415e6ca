using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Progress;

/// <summary>The move from one container on SQLite to replicas on PostgreSQL keeps every learner's ticks.</summary>
[Trait("Database", TestDatabase.PostgresOnly)]
public sealed class ProgressImportTests : SiteOnSampleContent
{
    [Fact]
    public async Task Import_SqliteDatabase_ShowsItsTicksOnPostgres_AndRefusesASecondImport()
    {
        var server = TestDatabase.PostgresServer ?? throw new InvalidOperationException("Set TEST_POSTGRES (tests/run.sh does).");
        await using var sqlite = new TutorialSiteFactory(Content.Root, TestDatabase.Sqlite(Path.Combine(Content.Root, "data", "progress.db")));
        var browser = sqlite.CreateBrowser();
        await browser.TickAsync(Page, "explain-images");
        var learner = "learner=" + OnlyLearner(sqlite.Database);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection(sqlite.ConnectionString))
        {
            // A review answered "Still true" once: in its second box, due 7 days after the answer.
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = """
                INSERT INTO "Reviews" ("LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", "Box", "DueAt", "AnsweredAt", "StillTrue", "NotAnymore")
                SELECT "LearnerId", "CourseSlug", "TutorialSlug", "ItemKey", 1, '2099-01-08 00:00:00', '2099-01-01 00:00:00', 1, 0 FROM "Ticks"
                """;
            command.ExecuteNonQuery();
        }
        await using var postgres = new TutorialSiteFactory(Content.Root, TestDatabase.CreatePostgres(server));
        var output = new StringWriter();

        var code = await ProgressImport.RunAsync(postgres.Services, [sqlite.DatabaseFile], output, TextWriter.Null);
        var again = await ProgressImport.RunAsync(postgres.Services, [sqlite.DatabaseFile], TextWriter.Null, TextWriter.Null);

        Assert.Equal(0, code);
        Assert.StartsWith("Imported 1 learners, 1 ticks, 1 visits and 1 reviews", output.ToString(), StringComparison.Ordinal);
        Assert.Equal(1L, postgres.Database.Scalar("""SELECT "StillTrue" FROM "Reviews" WHERE "DueAt" = '2099-01-08T00:00:00Z' """));
        Assert.Equal(1, again);
        var client = postgres.CreateBrowser();
        client.DefaultRequestHeaders.Add("Cookie", learner);
        Assert.True((await client.GetDocumentAsync(Page)).IsTicked("explain-images"));
    }

    private static string OnlyLearner(TestDatabase database)
    {
        using var connection = database.Open();
        using var command = connection.CreateCommand();
        command.CommandText = """SELECT "Id" FROM "Learners" """;
        using var reader = command.ExecuteReader();
        Assert.True(reader.Read());
        var id = reader.GetString(0);
        Assert.False(reader.Read());
        return id;
    }
}
