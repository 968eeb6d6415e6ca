using Microsoft.Extensions.Diagnostics.HealthChecks;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web.Operations;

/// <summary>
/// A start's two jobs, one after the other: the content's first load (begun by the composition root, on every core),
/// then the progress database's migration on start (Progress decides whether: <c>Database__MigrateOnStart</c>). In
/// that order because they share the cores: beside the load, the migration (EF Core's model, ~900 methods to compile,
/// 85 MB allocated) made a first start at 2,000 tutorials about a fifth slower (docs/benchmarks.md). Kestrel listens
/// meanwhile: requests wait for the content (<see cref="WaitForContent"/>), and their queries for the migration
/// (<see cref="MigrationGate"/>), so a page that needs no database is served while it runs. The host's start
/// completes with both.
/// </summary>
public sealed class SiteStart : IHostedService
{
    public SiteStart(ContentLoading loading, MigrationGate gate, IServiceProvider services)
    {
        // Whether the load succeeded or not: a failed load stops the host (ContentLoading's start throws), not this.
        Migrated = loading.FirstLoaded.ContinueWith(_ => services.MigrateProgressDatabaseOnStartAsync(),
            CancellationToken.None, TaskContinuationOptions.None, TaskScheduler.Default).Unwrap();
        // Closed before the host starts, so before any request can come.
        gate.HoldUntil(Migrated);
    }

    /// <summary>Completes once the database is migrated (or left as it is); faulted, and the host stops, when it cannot be.</summary>
    public Task Migrated { get; }

    /// <summary>
    /// Waits for the migration, even when asked to stop meanwhile (SIGTERM just after the first pages were served): a
    /// migration is not left half-way, and the host then stops as usual, finishing its requests, and exits 0.
    /// </summary>
    public Task StartAsync(CancellationToken cancellationToken) => Migrated;

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    /// <summary>
    /// The database's readiness (<see cref="ProgressDatabaseHealthCheck"/>) once the start has migrated it; before, what
    /// the start is doing, rather than "run `migrate`" about a database the start is about to create.
    /// </summary>
    public sealed class DatabaseCheck(SiteStart start, ProgressDbContext db) : IHealthCheck
    {
        public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default) =>
            start.Migrated.IsCompleted
                ? new ProgressDatabaseHealthCheck(db).CheckHealthAsync(context, cancellationToken)
                : Task.FromResult(HealthCheckResult.Unhealthy("Starting: the progress database is migrated once the content is loaded."));
    }
}
