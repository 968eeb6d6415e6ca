using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TutorialSite.Web.Progress;

/// <summary>Readiness of the progress database: it exists, answers, and has every migration applied.</summary>
public sealed class ProgressDatabaseHealthCheck(ProgressDbContext db) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var data = new Dictionary<string, object> { ["dataSource"] = new SqliteConnectionStringBuilder(db.Database.GetConnectionString()).DataSource };
        try
        {
            // For SQLite this is false when the file does not exist, and never creates it.
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
        catch (Exception e) when (e is SqliteException or InvalidOperationException or IOException)
        {
            return HealthCheckResult.Unhealthy($"The progress database failed: {e.Message}", data: data);
        }
    }
}
