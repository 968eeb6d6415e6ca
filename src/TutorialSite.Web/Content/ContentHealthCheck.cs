using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TutorialSite.Web.Content;

/// <summary>
/// Readiness of the content: unhealthy when no course loaded (a wrong <c>Content__Path</c>, or every course
/// broken), degraded (still served) when some files were left out because of errors.
/// </summary>
public sealed class ContentHealthCheck(ContentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var snapshot = store.Current;
        var errors = snapshot.Problems.Count(p => p.Severity == Severity.Error);
        var data = new Dictionary<string, object>
        {
            ["path"] = store.Root,
            ["courses"] = snapshot.Courses.Count,
            ["tutorials"] = snapshot.Tutorials.Count(),
            ["errors"] = errors,
            ["warnings"] = snapshot.Problems.Count - errors,
        };
        return Task.FromResult(
            snapshot.Courses.Count == 0 ? HealthCheckResult.Unhealthy($"No course loaded from {store.Root}; run `check` for the problems.", data: data)
            : errors > 0 ? HealthCheckResult.Degraded($"{errors} content errors: some files are left out; run `check` for the problems.", data: data)
            : HealthCheckResult.Healthy("Content loaded.", data));
    }
}
