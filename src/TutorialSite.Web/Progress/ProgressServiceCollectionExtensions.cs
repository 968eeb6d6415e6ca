using System.Data.Common;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.Repositories;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using Npgsql;

namespace TutorialSite.Web.Progress;

/// <summary>Where progress is stored: <c>Database__Provider</c>.</summary>
public enum DatabaseProvider
{
    /// <summary>One file beside the app: the embedded default, for one instance.</summary>
    Sqlite,

    /// <summary>A PostgreSQL server shared by several replicas.</summary>
    Postgres,
}

public static class ProgressServiceCollectionExtensions
{
    /// <summary>
    /// The progress feature on <c>Database__Provider</c>: SQLite by default, at <c>ConnectionStrings__Progress</c>
    /// or <c>progress.db</c> in the data folder (<see cref="ProgressOptions.DataFolder"/>); or PostgreSQL at
    /// <c>ConnectionStrings__Progress</c>. And where the data-protection keys live. Its readiness check
    /// (<see cref="ProgressDatabaseHealthCheck"/>) is registered by the composition root with the others.
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ProgressOptions>();
        // Pooled: a learner's page view would otherwise build a new context for one query.
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresProgressDbContext>((provider, options) => options.UseNpgsql(ConnectionString(provider)));
            // Pages and the writer ask for the model, whichever provider stores it.
            services.AddScoped<ProgressDbContext>(provider => provider.GetRequiredService<PostgresProgressDbContext>());
        }
        else
        {
            services.AddDbContextPool<ProgressDbContext>((provider, options) => options.UseSqlite(ConnectionString(provider)));
            services.AddSingleton(provider => new SqliteStateReader(ConnectionString(provider), ProgressService.StateQuery));
        }
        AddDataProtectionKeys(services, configuration);
        services.AddScoped<ProgressService>();
        services.AddScoped<ProgressTransfer>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ProgressMetrics>();
        services.AddSingleton<TickWriter>();
        services.AddHostedService(provider => provider.GetRequiredService<TickWriter>());
        return services;
    }

    /// <summary>
    /// Antiforgery tokens (and any protected cookie) must survive restarts and new containers: the keys are kept
    /// beside the progress data, in the data folder (<c>DataProtection__KeysPath</c>, default <c>keys</c> there), not
    /// in the container's throw-away home directory. Replicas on PostgreSQL keep them in the shared database instead,
    /// so a form served by one is accepted by any other.
    /// </summary>
    private static void AddDataProtectionKeys(IServiceCollection services, IConfiguration configuration)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("TutorialSite");
        if (Provider(configuration) == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<PostgresProgressDbContext>();
            return;
        }
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ProgressOptions>, IConfiguration, IHostEnvironment, ILoggerFactory>((options, progress, settings, environment, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(KeysFolder(settings, environment, progress.Value.DataFolder)), loggers));
    }

    /// <summary><c>DataProtection__KeysPath</c>, default <c>keys</c> in the data folder (SQLite only).</summary>
    public static string KeysFolder(IConfiguration configuration, IHostEnvironment environment, string dataFolder) =>
        Path.GetFullPath(configuration["DataProtection:KeysPath"] ?? Path.Combine(dataFolder, "keys"), environment.ContentRootPath);

    /// <summary><c>Database__Provider</c>: <c>Sqlite</c> (the default) or <c>Postgres</c>.</summary>
    public static DatabaseProvider Provider(IConfiguration configuration) =>
        configuration["Database:Provider"] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var name when name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var name => throw new InvalidOperationException($"Database__Provider: `{name}` is not a provider; use `Sqlite` (the default) or `Postgres`."),
        };

    /// <summary>The connection string in use: <c>ConnectionStrings__Progress</c>, or SQLite's <c>progress.db</c> in the data folder.</summary>
    public static string ConnectionString(IServiceProvider services) =>
        ConnectionString(services.GetRequiredService<IConfiguration>(), services.GetRequiredService<IOptions<ProgressOptions>>().Value.DataFolder);

    public static string ConnectionString(IConfiguration configuration, string dataFolder) =>
        configuration.GetConnectionString("Progress") is { Length: > 0 } configured
            ? configured
            : Provider(configuration) == DatabaseProvider.Postgres
                ? throw new InvalidOperationException("Database__Provider=Postgres needs ConnectionStrings__Progress, e.g. `Host=db;Database=tutorialsite;Username=tutorialsite;Password=...`.")
                : new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "progress.db") }.ToString();

    /// <summary>The database for logs and <c>/readyz</c>: SQLite's file, or PostgreSQL's host and database, never a password.</summary>
    public static string Describe(string connectionString, DatabaseProvider provider)
    {
        if (provider == DatabaseProvider.Sqlite)
        {
            return new SqliteConnectionStringBuilder(connectionString).DataSource;
        }
        var postgres = new NpgsqlConnectionStringBuilder(connectionString);
        return $"postgres://{postgres.Username}@{postgres.Host}:{postgres.Port}/{postgres.Database}";
    }

    /// <summary>
    /// Migrates on start unless <c>Database__MigrateOnStart=false</c>, which is the default with PostgreSQL.
    /// Applied at start-up: fine for the single-instance SQLite default, where nothing else can race it. Several
    /// replicas on PostgreSQL never migrate themselves: the <c>migrate</c> verb runs once, as a deployment step.
    /// </summary>
    public static async Task MigrateProgressDatabaseOnStartAsync(this IHost app)
    {
        var configuration = app.Services.GetRequiredService<IConfiguration>();
        var logger = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProgressDbContext).FullName!);
        var provider = Provider(configuration);
        if (provider == DatabaseProvider.Sqlite
            && await SqliteInUse.HoldAsync(ConnectionString(app.Services), logger) is { } hold)
        {
            // Held until the process ends: `restore` refuses meanwhile.
            app.Services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(hold.Dispose);
        }
        if (!configuration.GetValue("Database:MigrateOnStart", provider == DatabaseProvider.Sqlite))
        {
            logger.LogInformation("Not migrating the progress database on start (Database__MigrateOnStart is false, the default with PostgreSQL); /readyz reports pending migrations.");
            return;
        }
        try
        {
            await app.Services.MigrateProgressDatabaseAsync();
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            logger.LogCritical(e, "Could not create or migrate the progress database ({Database}): {Message}",
                Describe(ConnectionString(app.Services), provider), e.Message);
            throw;
        }
    }

    /// <summary>
    /// Applies migrations. On SQLite it first creates the database's folder and then turns on WAL; on PostgreSQL
    /// the database itself must exist (the server's administrator creates it, with its owner).
    /// </summary>
    public static async Task MigrateProgressDatabaseAsync(this IServiceProvider services)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        if (!db.Database.IsSqlite())
        {
            await db.Database.MigrateAsync();
            return;
        }
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
