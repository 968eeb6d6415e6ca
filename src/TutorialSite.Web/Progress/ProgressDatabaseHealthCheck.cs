using System.Data.Common;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TutorialSite.Web.Progress;

/// <summary>Readiness of the progress database: it exists, answers, and has every migration applied.</summary>
public sealed class ProgressDatabaseHealthCheck(ProgressDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var provider = db.Database.IsSqlite() ? DatabaseProvider.Sqlite : DatabaseProvider.Postgres;
        var data = new Dictionary<string, object>
        {
            ["provider"] = provider.ToString(),
            ["dataSource"] = ProgressServiceCollectionExtensions.Describe(db.Database.GetConnectionString()!, provider),
        };
        try
        {
            // False when SQLite's file or PostgreSQL's database does not exist; it never creates either.
            if (!await db.Database.CanConnectAsync(cancellationToken))
            {
                return HealthCheckResult.Unhealthy("The progress database does not exist or cannot be opened; run `migrate`.", data: data);
            }
            var pending = (await db.Database.GetPendingMigrationsAsync(cancellationToken)).ToList();
            data["pendingMigrations"] = pending;
            return pending.Count == 0
                ? HealthCheckResult.Healthy("Reachable and migrated.", data)
                : HealthCheckResult.Unhealthy($"{pending.Count} migrations not applied; run `migrate`.", data: data);
        }
        catch (Exception e) when (e is DbException or InvalidOperationException or IOException or TimeoutException)
        {
            return HealthCheckResult.Unhealthy($"The progress database failed: {e.Message}", data: data);
        }
    }
}
