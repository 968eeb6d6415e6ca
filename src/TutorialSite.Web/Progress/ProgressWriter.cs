using System.Threading.Channels;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The one writer of the progress database. SQLite lets one transaction write at a time; instead of many requests
/// contending for its lock (and sleeping in its busy loop), writes queue here and those that arrive together are
/// committed together: one transaction and one sync to disk for a whole group of learners. Each request is
/// answered only after the commit that holds its write, so an acknowledged tick is on disk.
/// </summary>
public sealed class ProgressWriter(string connectionString) : IAsyncDisposable
{
    /// <summary>A bound on one transaction's size: keeps each group's commit short.</summary>
    private const int MaxGroup = 256;

    private readonly Channel<Work> queue = Channel.CreateUnbounded<Work>(new UnboundedChannelOptions { SingleReader = true });
    private readonly Lock gate = new();
    private Task? loop;

    private sealed record Work(Func<SqliteCommand, Task> Write, TaskCompletionSource Done);

    /// <summary>
    /// Runs <paramref name="write"/> in the next group's transaction (under a savepoint of its own, so one failing
    /// write does not undo the others) and completes once that transaction is committed.
    /// </summary>
    public Task WriteAsync(Func<SqliteCommand, Task> write)
    {
        lock (gate)
        {
            loop ??= Task.Run(RunAsync);
        }
        var work = new Work(write, new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously));
        ObjectDisposedException.ThrowIf(!queue.Writer.TryWrite(work), this);
        return work.Done.Task;
    }

    private async Task RunAsync()
    {
        await using var connection = new SqliteConnection(connectionString);
        await connection.OpenAsync();
        await using (var pragma = connection.CreateCommand())
        {
            // As EF Core does on every connection it opens.
            pragma.CommandText = "PRAGMA foreign_keys = 1;";
            await pragma.ExecuteNonQueryAsync();
        }
        var group = new List<(Work Work, Exception? Error)>(MaxGroup);
        while (await queue.Reader.WaitToReadAsync())
        {
            group.Clear();
            while (group.Count < MaxGroup && queue.Reader.TryRead(out var work))
            {
                group.Add((work, null));
            }
            try
            {
                await using var transaction = (SqliteTransaction)await connection.BeginTransactionAsync();
                for (var i = 0; i < group.Count; i++)
                {
                    await using var command = connection.CreateCommand();
                    command.Transaction = transaction;
                    await transaction.SaveAsync("write");
                    try
                    {
                        await group[i].Work.Write(command);
                        await transaction.ReleaseAsync("write");
                    }
                    catch (Exception e)
                    {
                        await transaction.RollbackAsync("write");
                        group[i] = (group[i].Work, e);
                    }
                }
                await transaction.CommitAsync();
            }
            catch (Exception e)
            {
                // The loop must outlive any failure: the requests of this group get the error, later ones a new try.
                foreach (var (work, _) in group)
                {
                    work.Done.TrySetException(e);
                }
                continue;
            }
            foreach (var (work, error) in group)
            {
                if (error is null)
                {
                    work.Done.TrySetResult();
                }
                else
                {
                    work.Done.TrySetException(error);
                }
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        queue.Writer.TryComplete();
        if (loop is not null)
        {
            await loop;
        }
    }
}
