using System.Data.Common;
using Microsoft.Data.Sqlite;
using Npgsql;

namespace TutorialSite.Tests.Pages;

/// <summary>
/// The progress database a test site runs on: a fresh SQLite file, or, when <c>TEST_POSTGRES</c> holds a
/// connection string to a PostgreSQL server that may create databases (tests/run.sh starts one and runs the
/// suites marked <see cref="OnBothProviders"/> again with it), a fresh PostgreSQL database.
/// </summary>
public sealed class TestDatabase
{
    /// <summary>The trait of test classes that run on SQLite and again on PostgreSQL.</summary>
    public const string OnBothProviders = "Both";

    /// <summary>The trait of tests that need PostgreSQL (replicas): they run only in the PostgreSQL pass.</summary>
    public const string PostgresOnly = "Postgres";

    private TestDatabase(bool isPostgres, string connectionString, string folder, string? file)
    {
        IsPostgres = isPostgres;
        ConnectionString = connectionString;
        Folder = folder;
        File = file;
    }

    /// <summary>An admin connection string to the test server, or null when the tests run on SQLite.</summary>
    public static string? PostgresServer => Environment.GetEnvironmentVariable("TEST_POSTGRES") is { Length: > 0 } server ? server : null;

    public bool IsPostgres { get; }

    public string ConnectionString { get; }

    /// <summary>A private folder of the test's: SQLite's file and the keys live there.</summary>
    public string Folder { get; }

    /// <summary>SQLite's file; null on PostgreSQL.</summary>
    public string? File { get; }

    /// <summary>A new, empty database on the provider this test run is for.</summary>
    public static TestDatabase Create() => PostgresServer is { } server ? CreatePostgres(server) : Sqlite(Path.Combine(NewFolder(), "progress.db"));

    /// <summary>SQLite at <paramref name="file"/>; no pooling, so a disposed app leaves no handle open on it, like a stopped process.</summary>
    public static TestDatabase Sqlite(string file) =>
        new(false, $"Data Source={file};Pooling=False", Path.GetDirectoryName(file)!, file);

    /// <summary>
    /// A new database on the server, left for the throw-away test cluster to take away. No pooling by default:
    /// tests make many short-lived apps, and idle pooled connections to each would add up to the server's limit.
    /// </summary>
    public static TestDatabase CreatePostgres(string server, bool pooling = false)
    {
        var name = "test_" + Guid.NewGuid().ToString("N");
        using (var admin = new NpgsqlConnection(server))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE {name}";
            create.ExecuteNonQuery();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(server) { Database = name, Pooling = pooling }.ToString();
        return new TestDatabase(true, connectionString, NewFolder(), null);
    }

    /// <summary>What an operator would set for this database.</summary>
    public IEnumerable<KeyValuePair<string, string?>> Settings()
    {
        yield return new("ConnectionStrings:Progress", ConnectionString);
        yield return new("Database:Provider", IsPostgres ? "Postgres" : "Sqlite");
        if (IsPostgres)
        {
            // A fresh database per app: the one-off `migrate` step replicas rely on is tested in ReplicaTests.
            yield return new("Database:MigrateOnStart", "true");
        }
    }

    /// <summary>A read connection for checking what the site stored; identifiers must be quoted for PostgreSQL.</summary>
    public DbConnection Open()
    {
        DbConnection connection = IsPostgres
            ? new NpgsqlConnection(ConnectionString)
            : new SqliteConnection(ConnectionString + ";Mode=ReadOnly");
        connection.Open();
        return connection;
    }

    public long Scalar(string sql)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
    }

    /// <summary>The first column of every row <paramref name="sql"/> returns, its <c>@name</c> parameters bound to <paramref name="parameters"/>.</summary>
    public List<string> Column(string sql, params (string Name, object Value)[] parameters)
    {
        using var connection = Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            var parameter = command.CreateParameter();
            (parameter.ParameterName, parameter.Value) = (name, value);
            command.Parameters.Add(parameter);
        }
        using var reader = command.ExecuteReader();
        var values = new List<string>();
        while (reader.Read())
        {
            values.Add(reader.GetString(0));
        }
        return values;
    }

    private static string NewFolder()
    {
        var folder = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(folder);
        return folder;
    }
}
