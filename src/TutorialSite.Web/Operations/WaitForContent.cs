using TutorialSite.Web.Content;

namespace TutorialSite.Web.Operations;

/// <summary>
/// While the first load runs, Kestrel already listens: <c>/healthz</c> answers that the process lives, <c>/readyz</c>
/// that the content is loading, and every other request waits for the content (at most <see cref="Longest"/>, then
/// 503 with <c>Retry-After</c>) rather than finding an empty site. Once loaded, one completed-task check per request.
/// </summary>
public sealed class WaitForContent(RequestDelegate next, ContentLoading loading)
{
    /// <summary>How long a request waits for a first load before 503: a generous load at 2,000 tutorials takes 3–5 s.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public Task InvokeAsync(HttpContext context) =>
        loading.FirstLoaded.IsCompletedSuccessfully || HealthEndpoints.IsProbe(context.Request.Path) ? next(context) : WaitAsync(context);

    private async Task WaitAsync(HttpContext context)
    {
        var loaded = loading.FirstLoaded;
        // Whether loaded, out of time, gone (the client) or failed (the host then stops): decided below.
        await loaded.WaitAsync(Longest, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!loaded.IsCompletedSuccessfully)
        {
            if (!context.RequestAborted.IsCancellationRequested)
            {
                context.Response.StatusCode = StatusCodes.Status503ServiceUnavailable;
                context.Response.Headers.RetryAfter = "5";
            }
            return;
        }
        await next(context);
    }
}
