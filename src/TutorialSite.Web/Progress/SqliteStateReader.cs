using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The learner-state query of every learner's page view, on SQLite: compiled once per connection and kept ready, so
/// a page view binds three values and steps, instead of taking a connection from the pool, compiling the SQL, and
/// giving both back. A few connections are kept, one per request reading at the same moment. WAL mode lets them
/// read while the writer commits; each query sees every commit made before it started.
/// </summary>
public sealed class SqliteStateReader(string connectionString) : IDisposable
{
    /// <summary>More than the requests that read at once on a small machine; extra ones are closed when returned.</summary>
    private const int KeptIdle = 16;

    private readonly ConcurrentBag<SqliteCommand> idle = [];

    public async Task<T> ReadAsync<T>(string query, string learner, string? course, string? tutorial,
        Func<SqliteDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        var command = idle.TryTake(out var kept) ? kept : Prepare(query);
        try
        {
            command.Parameters["@learner"].Value = learner;
            command.Parameters["@course"].Value = (object?)course ?? DBNull.Value;
            command.Parameters["@tutorial"].Value = (object?)tutorial ?? DBNull.Value;
            T result;
            await using (var reader = await command.ExecuteReaderAsync(cancellationToken))
            {
                result = await read(reader, cancellationToken);
            }
            if (idle.Count < KeptIdle)
            {
                idle.Add(command);
                command = null;
            }
            return result;
        }
        finally
        {
            // Not kept: one too many, or it failed and is not to be trusted again.
            Close(command);
        }
    }

    private SqliteCommand Prepare(string query)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder(connectionString) { Pooling = false }.ToString());
        connection.Open();
        var command = connection.CreateCommand();
        command.CommandText = query;
        command.Parameters.Add("@learner", SqliteType.Text);
        command.Parameters.Add("@course", SqliteType.Text);
        command.Parameters.Add("@tutorial", SqliteType.Text);
        command.Prepare();
        return command;
    }

    private static void Close(SqliteCommand? command)
    {
        if (command is not null)
        {
            var connection = command.Connection;
            command.Dispose();
            connection?.Dispose();
        }
    }

    public void Dispose()
    {
        while (idle.TryTake(out var command))
        {
            Close(command);
        }
    }
}
