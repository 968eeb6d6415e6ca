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
    /// <c>ConnectionStrings__Progress</c>. And where the data-protection keys live. Its settings are
    /// <see cref="ProgressOptions"/>; its readiness check (<see cref="ProgressDatabaseHealthCheck"/>) is registered by
    /// the composition root with the others.
    /// </summary>
    public static IServiceCollection AddProgress(this IServiceCollection services, IConfiguration configuration)
    {
        // The provider decides which services exist, so it is read now; the other settings when the options are first
        // asked for, and checked as the site starts.
        var database = ProgressOptions.ReadProvider(configuration);
        services.AddOptions<ProgressOptions>()
            .Configure<IHostEnvironment>((options, environment) => ProgressOptions.Bind(options, configuration, database, environment.ContentRootPath))
            .ValidateOnStart();
        services.AddSingleton<MigrationGate>();
        // Pooled: a learner's page view would otherwise build a new context for one query.
        if (database == DatabaseProvider.Postgres)
        {
            services.AddDbContextPool<PostgresProgressDbContext>((provider, options) =>
                options.UseNpgsql(ConnectionString(provider)).AddInterceptors(provider.GetRequiredService<MigrationGate>()));
            // Pages and the writer ask for the model, whichever provider stores it.
            services.AddScoped<ProgressDbContext>(provider => provider.GetRequiredService<PostgresProgressDbContext>());
        }
        else
        {
            services.AddDbContextPool<ProgressDbContext>((provider, options) =>
                options.UseSqlite(ConnectionString(provider)).AddInterceptors(provider.GetRequiredService<MigrationGate>()));
            services.AddSingleton(provider => new SqliteStateReader(ConnectionString(provider), TickReader.Query, provider.GetRequiredService<MigrationGate>()));
        }
        AddDataProtectionKeys(services, database);
        services.AddScoped<ProgressService>();
        services.AddSingleton<TickReader>();
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
    private static void AddDataProtectionKeys(IServiceCollection services, DatabaseProvider database)
    {
        var dataProtection = services.AddDataProtection().SetApplicationName("TutorialSite");
        if (database == DatabaseProvider.Postgres)
        {
            dataProtection.PersistKeysToDbContext<PostgresProgressDbContext>();
            return;
        }
        services.AddOptions<KeyManagementOptions>().Configure<IOptions<ProgressOptions>, ILoggerFactory>((options, progress, loggers) =>
            options.XmlRepository = new FileSystemXmlRepository(new DirectoryInfo(progress.Value.KeysFolder), loggers));
    }

    /// <summary>The connection string in use: <c>ConnectionStrings__Progress</c>, or SQLite's <c>progress.db</c> in the data folder.</summary>
    public static string ConnectionString(IServiceProvider services) =>
        services.GetRequiredService<IOptions<ProgressOptions>>().Value.ConnectionStringInUse;

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
    public static Task MigrateProgressDatabaseOnStartAsync(this IServiceProvider services) =>
        MigrationGate.PassAsync(() => MigrateOnStartAsync(services));

    private static async Task MigrateOnStartAsync(IServiceProvider services)
    {
        var options = services.GetRequiredService<IOptions<ProgressOptions>>().Value;
        var logger = services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(ProgressDbContext).FullName!);
        var provider = options.Provider;
        try
        {
            if (provider == DatabaseProvider.Sqlite
                && await SqliteInUse.HoldAsync(options.ConnectionStringInUse, logger) is { } hold)
            {
                // Held until the process ends: `restore` refuses meanwhile.
                services.GetRequiredService<IHostApplicationLifetime>().ApplicationStopped.Register(hold.Dispose);
            }
            if (!options.MigrateOnStart)
            {
                logger.LogInformation("Not migrating the progress database on start (Database__MigrateOnStart is false, the default with PostgreSQL); /readyz reports pending migrations.");
                return;
            }
            await services.MigrateProgressDatabaseAsync();
        }
        catch (Exception e) when (e is DbException or IOException or UnauthorizedAccessException)
        {
            logger.LogCritical(e, "Could not create or migrate the progress database ({Database}): {Message}",
                Describe(options.ConnectionStringInUse, provider), e.Message);
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
