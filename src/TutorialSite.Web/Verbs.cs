using Microsoft.Data.Sqlite;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web;

/// <summary>
/// The site's executable doubles as its tool: <c>TutorialSite.Web check</c>, <c>migrate</c>, <c>backup FILE</c>.
/// Verbs read the same configuration as the site, do their job and exit with a status code.
/// </summary>
public static class Verbs
{
    public static bool IsVerb(string[] args) => args is [var first, ..] && !first.StartsWith('-') && !first.Contains('=', StringComparison.Ordinal);

    public static async Task<int> RunAsync(WebApplication app, string[] args)
    {
        var (verb, rest) = (args[0], args[1..]);
        switch (verb)
        {
            case "check":
                return ContentCheck.Run(app.Configuration, app.Environment, rest, Console.Out);
            case "migrate":
                return await MigrateAsync(app);
            case "backup":
                return await ProgressBackup.RunAsync(ProgressServiceCollectionExtensions.ConnectionString(app.Configuration, app.Environment), rest, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command `{verb}`. Commands: check [--content DIR] [--accept], migrate, backup FILE.");
                return 2;
        }
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        try
        {
            await app.Services.MigrateProgressDatabaseAsync();
            Console.WriteLine("The progress database is migrated.");
            return 0;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Migration failed ({ProgressServiceCollectionExtensions.ConnectionString(app.Configuration, app.Environment)}): {e.Message}");
            return 1;
        }
    }
}
