using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web;

/// <summary>
/// The site's executable doubles as its tool: <c>TutorialSite.Web check</c>, <c>migrate</c>, <c>backup FILE</c>, <c>restore FILE</c>, <c>import FILE</c>,
/// <c>insights</c>.
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
                return ContentCheck.Run(app.Services.GetRequiredService<IOptions<ContentOptions>>().Value, app.Environment, rest, Console.Out);
            case "migrate":
                return await MigrateAsync(app);
            case "backup" when ProgressSettings(app).Provider == DatabaseProvider.Postgres:
                await Console.Error.WriteLineAsync("`backup` copies the SQLite database; on PostgreSQL back up with the server's own tools: pg_dump (see docs/operations.md).");
                return 1;
            case "restore" when ProgressSettings(app).Provider == DatabaseProvider.Postgres:
                await Console.Error.WriteLineAsync("`restore` replaces the SQLite database; on PostgreSQL restore with the server's own tools: pg_restore (see docs/operations.md).");
                return 1;
            case "restore":
                return await RestoreAsync(app, rest);
            case "insights":
                return await Insights.RunAsync(app.Services, rest, Console.Out, Console.Error);
            case "import":
                return await ProgressImport.RunAsync(app.Services, rest, Console.Out, Console.Error);
            case "backup":
                return await ProgressBackup.RunAsync(ProgressSettings(app).ConnectionStringInUse, rest, Console.Out, Console.Error);
            default:
                await Console.Error.WriteLineAsync($"Unknown command `{verb}`. Commands: check [--content DIR] [--accept] [--format text|github], migrate, backup FILE, restore FILE, import FILE, insights [--course SLUG] [--format csv|md|json] [--min-learners N].");
                return 2;
        }
    }

    private static ProgressOptions ProgressSettings(WebApplication app) => app.Services.GetRequiredService<IOptions<ProgressOptions>>().Value;

    private static async Task<int> RestoreAsync(WebApplication app, string[] args)
    {
        await using var scope = app.Services.CreateAsyncScope();
        var migrations = scope.ServiceProvider.GetRequiredService<ProgressDbContext>().Database.GetMigrations().ToList();
        return await ProgressRestore.RunAsync(ProgressSettings(app).ConnectionStringInUse, migrations, args, Console.Out, Console.Error);
    }

    private static async Task<int> MigrateAsync(WebApplication app)
    {
        try
        {
            await app.Services.MigrateProgressDatabaseAsync();
            if (ProgressSettings(app).Provider == DatabaseProvider.Postgres)
            {
                // The first data-protection key, made here once: replicas started together would each make
                // their own, and reject each other's forms until their key rings refresh.
                app.Services.GetRequiredService<IDataProtectionProvider>().CreateProtector("TutorialSite.Migrate").Protect("key ring"u8.ToArray());
            }
            Console.WriteLine("The progress database is migrated.");
            return 0;
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            await Console.Error.WriteLineAsync($"Migration failed ({ProgressServiceCollectionExtensions.Describe(ProgressSettings(app).ConnectionStringInUse, ProgressSettings(app).Provider)}): {e.Message}");
            return 1;
        }
    }
}
