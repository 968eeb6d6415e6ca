using System.Data.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace TutorialSite.Web.Progress;

/// <summary>
/// Holds the database's connections back while the start migrates it, so that nothing reads a table before it
/// exists, and nothing else waits: the composition root migrates after the content's first load, with Kestrel
/// already serving the pages that need no database (a first start at 2,000 tutorials is ready about 0.3 s sooner than
/// if every request waited for the migration; docs/benchmarks.md). Open unless a start is migrating (verbs,
/// <c>Database__MigrateOnStart=false</c>); the migration's own connections pass. Every EF Core connection opens
/// through it (an interceptor), and so does the learner-state reader's.
/// </summary>
public sealed class MigrationGate : DbConnectionInterceptor
{
    private static readonly AsyncLocal<bool> Migrating = new();
    private Task open = Task.CompletedTask;

    /// <summary>Holds every connection until <paramref name="migration"/> completes (if it fails, they fail with it).</summary>
    public void HoldUntil(Task migration) => Volatile.Write(ref open, migration);

    /// <summary>Runs the migration, whose connections pass the gate it holds closed.</summary>
    public static async Task PassAsync(Func<Task> migration)
    {
        Migrating.Value = true;
        await migration();
    }

    /// <summary>Completes at once, unless a migration on start is still running.</summary>
    public Task WaitAsync(CancellationToken cancellationToken)
    {
        var migration = Volatile.Read(ref open);
        return migration.IsCompletedSuccessfully || Migrating.Value ? Task.CompletedTask : migration.WaitAsync(cancellationToken);
    }

    public override async ValueTask<InterceptionResult> ConnectionOpeningAsync(DbConnection connection, ConnectionEventData eventData,
        InterceptionResult result, CancellationToken cancellationToken = default)
    {
        await WaitAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult ConnectionOpening(DbConnection connection, ConnectionEventData eventData, InterceptionResult result)
    {
        WaitAsync(CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }
}
