using System.Collections.Concurrent;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The learner-state query of every learner's page view, on SQLite: compiled once per connection and kept ready, so
/// a page view binds three values and steps, instead of taking a connection from the pool, compiling the SQL, and
/// giving both back. A few connections are kept, one per request reading at the same moment. WAL mode lets them
/// read while the writer commits; each query sees every commit made before it started.
/// </summary>
/// <param name="query">The one query it runs, with <c>@learner</c>, <c>@course</c> and <c>@tutorial</c>.</param>
/// <param name="gate">Where a new connection waits while the start migrates the database.</param>
public sealed class SqliteStateReader(string connectionString, string query, MigrationGate gate) : IDisposable
{
    /// <summary>More than the requests that read at once on a small machine; extra ones are closed when returned.</summary>
    private const int KeptIdle = 16;

    private readonly ConcurrentQueue<SqliteCommand> idle = [];
    private volatile bool disposed;

    public async Task<T> ReadAsync<T>(string learner, string? course, string? tutorial,
        Func<SqliteDataReader, CancellationToken, Task<T>> read, CancellationToken cancellationToken)
    {
        ObjectDisposedException.ThrowIf(disposed, this);
        if (!idle.TryDequeue(out var command))
        {
            await gate.WaitAsync(cancellationToken);
            command = Prepare();
        }
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
            if (!disposed && idle.Count < KeptIdle)
            {
                idle.Enqueue(command);
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

    private SqliteCommand Prepare()
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
        disposed = true;
        while (idle.TryDequeue(out var command))
        {
            Close(command);
        }
    }
}
