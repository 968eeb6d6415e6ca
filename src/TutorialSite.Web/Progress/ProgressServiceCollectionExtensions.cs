using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

public static class ProgressServiceCollectionExtensions
{
    /// <summary>
    /// The progress feature on SQLite: <c>ConnectionStrings__Progress</c>, or <c>progress.db</c> in the data
    /// folder (<c>Data__Path</c>, default <c>App_Data</c> under the content root).
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        // Pooled: a learner's page view would otherwise build a new context for one query.
        services.AddDbContextPool<ProgressDbContext>((provider, options) =>
            options.UseSqlite(ConnectionString(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>())));
        services.AddScoped<ProgressService>();
        services.AddSingleton(provider => new ProgressWriter(ConnectionString(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>())));
        return services;
    }

    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration.GetConnectionString("Progress") is { Length: > 0 } configured)
        {
            return configured;
        }
        var folder = Path.GetFullPath(configuration["Data:Path"] ?? "App_Data", environment.ContentRootPath);
        return new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "progress.db") }.ToString();
    }

    /// <summary>
    /// Creates the database file if needed, applies migrations and turns on WAL. Applied at start-up: fine for
    /// the single-instance SQLite default, where nothing else can race it.
    /// </summary>
    public static async Task MigrateProgressDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        var file = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource;
        if (Path.GetDirectoryName(Path.GetFullPath(file)) is { } folder)
        {
            Directory.CreateDirectory(folder);
        }
        await db.Database.MigrateAsync();
        // WAL lets readers go on while a tick is written; the mode is stored in the file itself.
        await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;");
    }
}
