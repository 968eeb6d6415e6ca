using System.Reflection;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The progress feature's settings: where ticks are stored and where the data-protection keys live. They span three
/// sections, so each property names its key (<see cref="ConfigurationKeyNameAttribute"/>, the docs' name with <c>__</c>);
/// each is parsed here and nowhere else, once, as the site starts: a bad value stops the start with a message naming
/// the setting.
/// </summary>
public sealed class ProgressOptions
{
    /// <summary>Where progress is stored (<c>Database__Provider</c>): <c>Sqlite</c>, the default, or <c>Postgres</c>.</summary>
    [ConfigurationKeyName("Database:Provider")]
    public DatabaseProvider Provider { get; set; } = DatabaseProvider.Sqlite;

    /// <summary>
    /// The progress database as configured (<c>ConnectionStrings__Progress</c>); null for SQLite's <c>progress.db</c> in
    /// the data folder (<see cref="ConnectionStringInUse"/>). Required with PostgreSQL.
    /// </summary>
    [ConfigurationKeyName("ConnectionStrings:Progress")]
    public string? ConnectionString { get; set; }

    /// <summary>Apply pending migrations at start (<c>Database__MigrateOnStart</c>): by default with SQLite, not with PostgreSQL.</summary>
    [ConfigurationKeyName("Database:MigrateOnStart")]
    public bool MigrateOnStart { get; set; } = true;

    /// <summary>
    /// Where SQLite's site keeps its data-protection keys (<c>DataProtection__KeysPath</c>, resolved against the content
    /// root); null for <c>keys</c> in the data folder (<see cref="KeysFolder"/>). Unused with PostgreSQL.
    /// </summary>
    [ConfigurationKeyName("DataProtection:KeysPath")]
    public string? KeysPath { get; set; }

    /// <summary>
    /// The folder of runtime data: SQLite's default <c>progress.db</c> and the data-protection keys. Set by the
    /// composition root from <c>Data__Path</c>; the feature never reads that setting itself.
    /// </summary>
    public string DataFolder { get; set; } = "";

    /// <summary>The connection string in use: <c>ConnectionStrings__Progress</c>, or SQLite's <c>progress.db</c> in the data folder.</summary>
    public string ConnectionStringInUse =>
        ConnectionString ?? new SqliteConnectionStringBuilder { DataSource = Path.Combine(DataFolder, "progress.db") }.ToString();

    /// <summary>Where the keys are kept with SQLite: <c>DataProtection__KeysPath</c>, or <c>keys</c> in the data folder.</summary>
    public string KeysFolder => KeysPath ?? Path.Combine(DataFolder, "keys");

    /// <summary>
    /// <c>Database__Provider</c>, read on its own because it decides which services <c>AddProgress</c> registers, before
    /// any options exist; <see cref="Bind"/> is then given it.
    /// </summary>
    public static DatabaseProvider ReadProvider(IConfiguration configuration) =>
        configuration[Key(nameof(Provider))] switch
        {
            null or "" => DatabaseProvider.Sqlite,
            var name when name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
            var name when name.Equals("Postgres", StringComparison.OrdinalIgnoreCase) || name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Postgres,
            var name => throw new InvalidOperationException($"{Setting(nameof(Provider))}: `{name}` is not a provider; use `Sqlite` (the default) or `Postgres`."),
        };

    /// <summary>Reads the other settings for <paramref name="provider"/>; throws <see cref="InvalidOperationException"/> naming the setting on a bad value.</summary>
    public static void Bind(ProgressOptions options, IConfiguration configuration, DatabaseProvider provider, string contentRoot)
    {
        options.Provider = provider;
        options.ConnectionString = configuration[Key(nameof(ConnectionString))] is { Length: > 0 } configured ? configured
            : provider == DatabaseProvider.Postgres
                ? throw new InvalidOperationException($"Database__Provider=Postgres needs {Setting(nameof(ConnectionString))}, e.g. `Host=db;Database=tutorialsite;Username=tutorialsite;Password=...`.")
                : null;
        options.MigrateOnStart = configuration[Key(nameof(MigrateOnStart))] switch
        {
            null or "" => provider == DatabaseProvider.Sqlite,
            var value when bool.TryParse(value, out var migrate) => migrate,
            var value => throw new InvalidOperationException($"{Setting(nameof(MigrateOnStart))}: `{value}` is not `true` or `false`."),
        };
        options.KeysPath = configuration[Key(nameof(KeysPath))] is { Length: > 0 } keys ? Path.GetFullPath(keys, contentRoot) : null;
    }

    /// <summary>The configuration key of a setting, as its property names it (<c>Database:Provider</c>).</summary>
    private static string Key(string property) =>
        typeof(ProgressOptions).GetProperty(property)!.GetCustomAttribute<ConfigurationKeyNameAttribute>()!.Name;

    /// <summary>The setting's name as operators write it (<c>Database__Provider</c>), for messages.</summary>
    private static string Setting(string property) => Key(property).Replace(":", "__", StringComparison.Ordinal);
}
