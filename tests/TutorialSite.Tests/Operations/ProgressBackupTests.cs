using Microsoft.Data.Sqlite;
using TutorialSite.Web.Progress;

namespace TutorialSite.Tests.Operations;

public sealed class ProgressBackupTests : SiteOnSampleContent
{
    [Fact]
    public async Task Backup_WhileTheSiteServes_WritesAValidCopyWithTheTicks()
    {
        var browser = Site.CreateBrowser();
        await browser.TickAsync("/docker/images", "run-ps");
        var target = Path.Combine(Content.Root, "backup.db");
        var (output, error) = (new StringWriter(), new StringWriter());

        var code = await ProgressBackup.RunAsync(Site.ConnectionString, [target], output, error);
        // The site goes on serving and writing after the copy.
        await browser.TickAsync("/docker/images", "explain-images");

        Assert.Equal(0, code);
        Assert.Contains("1 learners, 1 ticks", output.ToString(), StringComparison.Ordinal);
        Assert.Equal("", error.ToString());
        await using var copy = new SqliteConnection($"Data Source={target};Mode=ReadOnly;Pooling=False");
        await copy.OpenAsync();
        await using var command = copy.CreateCommand();
        command.CommandText = """SELECT "ItemKey" FROM "Ticks" """;
        Assert.Equal("run-ps", await command.ExecuteScalarAsync());
    }

    [Fact]
    public async Task Backup_ToAnExistingFile_FailsWithOneLineAndKeepsTheFile()
    {
        await Site.CreateClient().GetAsync("/readyz");
        var target = Content.Write("existing.db", "not a database");
        var error = new StringWriter();

        var code = await ProgressBackup.RunAsync(Site.ConnectionString, [target], TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.Equal($"Backup failed: {target} already exists; backups never overwrite a file. Choose a new name or remove it.", error.ToString().Trim());
        Assert.Equal("not a database", await File.ReadAllTextAsync(target));
    }

    [Fact]
    public async Task Backup_IntoAMissingFolder_FailsWithOneLine()
    {
        await Site.CreateClient().GetAsync("/readyz");
        var error = new StringWriter();

        var code = await ProgressBackup.RunAsync(Site.ConnectionString, [Path.Combine(Content.Root, "missing", "b.db")], TextWriter.Null, error);

        Assert.Equal(1, code);
        Assert.StartsWith("Backup failed: the folder ", error.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", error.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Backup_WithoutAFile_PrintsUsage()
    {
        var error = new StringWriter();

        var code = await ProgressBackup.RunAsync(Site.ConnectionString, [], TextWriter.Null, error);

        Assert.Equal(2, code);
        Assert.StartsWith("Usage: backup FILE", error.ToString(), StringComparison.Ordinal);
    }
}
