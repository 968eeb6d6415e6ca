using System.Text.Json;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace TutorialSite.Web.Operations;

/// <summary>
/// <c>/healthz</c>: liveness, the process answers (no check runs, the database is not touched).
/// <c>/readyz</c>: readiness, every check tagged <see cref="ReadyTag"/> (content loaded, database reachable
/// and migrated), 200 or 503 with the detail of each check as JSON.
/// </summary>
public static class HealthEndpoints
{
    public const string ReadyTag = "ready";
    public const string Liveness = "/healthz";
    public const string Readiness = "/readyz";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public static bool IsProbe(PathString path) => path == Liveness || path == Readiness;

    /// <summary>Maps both endpoints; never rate limited, and the middleware sends <c>Cache-Control: no-store</c>.</summary>
    public static void MapHealthEndpoints(this IEndpointRouteBuilder endpoints)
    {
        endpoints.MapHealthChecks(Liveness, new HealthCheckOptions { Predicate = _ => false }).DisableRateLimiting();
        endpoints.MapHealthChecks(Readiness, new HealthCheckOptions
        {
            Predicate = check => check.Tags.Contains(ReadyTag),
            ResponseWriter = WriteDetailAsync,
        }).DisableRateLimiting();
    }

    private static Task WriteDetailAsync(HttpContext context, HealthReport report)
    {
        context.Response.ContentType = "application/json; charset=utf-8";
        var body = new
        {
            status = report.Status.ToString(),
            durationMs = Math.Round(report.TotalDuration.TotalMilliseconds, 1),
            checks = report.Entries.ToDictionary(e => e.Key, e => new
            {
                status = e.Value.Status.ToString(),
                description = e.Value.Description ?? e.Value.Exception?.Message,
                durationMs = Math.Round(e.Value.Duration.TotalMilliseconds, 1),
                data = e.Value.Data,
            }),
        };
        return context.Response.WriteAsync(JsonSerializer.Serialize(body, Json), context.RequestAborted);
    }
}
