using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TutorialSite.Web.Content;

/// <summary>
/// Readiness of the content: unhealthy when no course loaded (a wrong <c>Content__Path</c>, or every course
/// broken); otherwise healthy, whatever problems some files have. A file with errors is an editor's problem,
/// reported in the log, by <c>check</c> and in the Development problem box: the site is ready while it serves
/// content, and a load balancer must not take a replica out because one lesson has a typo.
/// </summary>
public sealed class ContentHealthCheck(ContentStore store) : IHealthCheck
{
    public Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        if (!store.IsLoaded)
        {
            return Task.FromResult(HealthCheckResult.Unhealthy($"Loading the content from {store.Root}."));
        }
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
            : HealthCheckResult.Healthy(snapshot.Problems.Count == 0
                ? "Content loaded."
                : $"Content loaded and served; {errors} errors and {snapshot.Problems.Count - errors} warnings in files (logged; run `check` for the list).", data));
    }
}
