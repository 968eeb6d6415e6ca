using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>
/// Group commit for ticks: every request's change waits in a queue, one writer commits whatever has gathered
/// in one transaction, and each request is answered only after that commit. With SQLite's
/// <c>synchronous=FULL</c> a commit costs an fsync; sharing it keeps "answered as saved" meaning "on disk"
/// while many learners tick at once.
/// </summary>
public sealed class TickWriter(IServiceScopeFactory scopes, ILogger<TickWriter> logger, ProgressMetrics metrics) : BackgroundService
{
    private const int MaxBatch = 256;

    private readonly Channel<Change> changes = Channel.CreateUnbounded<Change>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Runs <paramref name="statements"/> in one transaction (possibly with other requests' changes); completes once committed.</summary>
    public Task WriteAsync(IReadOnlyList<FormattableString> statements, CancellationToken cancellationToken)
    {
        var change = new Change(statements, Activity.Current?.Context);
        if (!changes.Writer.TryWrite(change))
        {
            throw new InvalidOperationException("The site is shutting down; the change was not saved.");
        }
        // A caller that gives up still has its change committed: it was accepted, so it is not dropped.
        return change.Committed.Task.WaitAsync(cancellationToken);
    }

    public override Task StopAsync(CancellationToken cancellationToken)
    {
        // Requests still in flight were drained by the server first; commit what they queued, then stop.
        changes.Writer.TryComplete();
        return base.StopAsync(cancellationToken);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var batch = new List<Change>(MaxBatch);
        while (await changes.Reader.WaitToReadAsync(CancellationToken.None))
        {
            while (batch.Count < MaxBatch && changes.Reader.TryRead(out var change))
            {
                batch.Add(change);
            }
            await CommitAsync(batch);
            batch.Clear();
        }
    }

    private async Task CommitAsync(List<Change> batch)
    {
        try
        {
            await RunInOneTransactionAsync(batch);
            batch.ForEach(c => c.Committed.TrySetResult());
        }
        catch (Exception e) when (batch.Count > 1)
        {
            // One bad change must not fail the others: retry each on its own.
            logger.LogWarning(e, "A batch of {Count} tick changes failed; committing them one by one", batch.Count);
            foreach (var change in batch)
            {
                await CommitAsync([change]);
            }
        }
        catch (Exception e)
        {
            logger.LogError(e, "A tick change could not be saved");
            batch[0].Committed.TrySetException(e);
        }
    }

    /// <summary>One commit: a span of its own (the EF Core commands nest in it), its size and duration measured.</summary>
    private async Task RunInOneTransactionAsync(List<Change> batch)
    {
        // Linked to the requests whose changes it carries (a commit serves many, so it is none's child).
        using var activity = ProgressMetrics.Traces.HasListeners()
            ? ProgressMetrics.Traces.StartActivity("tick_writer commit", ActivityKind.Internal, parentContext: default,
                links: batch.Where(c => c.Request is not null).Select(c => new ActivityLink(c.Request!.Value)))
            : null;
        activity?.SetTag("tutorialsite.tick_writer.batch.size", batch.Count);
        var started = Stopwatch.GetTimestamp();
        try
        {
            await CommitOnceAsync(batch);
            metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started), succeeded: true);
        }
        catch (Exception e)
        {
            metrics.Committed(batch.Count, Stopwatch.GetElapsedTime(started), succeeded: false);
            activity?.SetStatus(ActivityStatusCode.Error, e.Message);
            throw;
        }
    }

    private async Task CommitOnceAsync(List<Change> batch)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        await using var transaction = await db.Database.BeginTransactionAsync();
        foreach (var statement in batch.SelectMany(c => c.Statements))
        {
            await db.Database.ExecuteSqlAsync(statement);
        }
        await transaction.CommitAsync();
    }

    private sealed record Change(IReadOnlyList<FormattableString> Statements, ActivityContext? Request)
    {
        public TaskCompletionSource Committed { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }
}
