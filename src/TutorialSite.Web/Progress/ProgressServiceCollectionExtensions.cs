using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Operations;

namespace TutorialSite.Web.Progress;

public static class ProgressServiceCollectionExtensions
{
    /// <summary>
    /// The progress feature on SQLite: <c>ConnectionStrings__Progress</c>, or <c>progress.db</c> in the data
    /// folder (<c>Data__Path</c>, default <c>App_Data</c> under the content root); and its readiness check.
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services)
    {
        // Pooled: a learner's page view would otherwise build a new context for one query.
        services.AddDbContextPool<ProgressDbContext>((provider, options) =>
            options.UseSqlite(ConnectionString(provider.GetRequiredService<IConfiguration>(), provider.GetRequiredService<IHostEnvironment>())));
        services.AddScoped<ProgressService>();
        services.AddScoped<ProgressTransfer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<TickWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<TickWriter>());
        services.AddHealthChecks().AddCheck<ProgressDatabaseHealthCheck>("database", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }

    public static string ConnectionString(IConfiguration configuration, IHostEnvironment environment) =>
        configuration.GetConnectionString("Progress") is { Length: > 0 } configured
            ? configured
            : new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataFolder.Resolve(configuration, environment), "progress.db") }.ToString();

    /// <summary>
    /// Migrates on start unless <c>Database__MigrateOnStart=false</c>. Applied at start-up: fine for the
    /// single-instance SQLite default, where nothing else can race it; deployments that migrate as a separate
    /// step run the <c>migrate</c> verb and turn this off.
    /// </summary>
    public static async Task MigrateProgressDatabaseOnStartAsync(this WebApplication app)
    {
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProgressDbContext).FullName!);
        if (!app.Configuration.GetValue("Database:MigrateOnStart", true))
        {
            logger.LogInformation("Not migrating the progress database on start (Database__MigrateOnStart=false); /readyz reports pending migrations.");
            return;
        }
        try
        {
            await app.Services.MigrateProgressDatabaseAsync();
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException)
        {
            logger.LogCritical(e, "Could not create or migrate the progress database ({ConnectionString}): {Message}",
                ConnectionString(app.Configuration, app.Environment), e.Message);
            throw;
        }
    }

    /// <summary>Creates the database file if needed, applies migrations and turns on WAL.</summary>
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
