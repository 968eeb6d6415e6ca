namespace TutorialSite.Web.Operations;

/// <summary>
/// While the site starts (<see cref="SiteStart"/>: the content's first load, then the database's migration), Kestrel
/// already listens: <c>/healthz</c> answers that the process lives, <c>/readyz</c> what the start is doing, and every
/// other request waits for the start (at most <see cref="Longest"/>, then 503 with <c>Retry-After</c>) rather than
/// finding an empty site or a database without its tables. Once started, one completed-task check per request.
/// </summary>
public sealed class WaitForStart(RequestDelegate next, SiteStart start)
{
    /// <summary>How long a request waits for the start before 503: a generous first start at 2,000 tutorials takes 3–5 s.</summary>
    public static readonly TimeSpan Longest = TimeSpan.FromSeconds(30);

    public Task InvokeAsync(HttpContext context) =>
        start.Done.IsCompletedSuccessfully || HealthEndpoints.IsProbe(context.Request.Path) ? next(context) : WaitAsync(context);

    private async Task WaitAsync(HttpContext context)
    {
        var started = start.Done;
        // Whether started, out of time, gone (the client) or failed (the host then stops): decided below.
        await started.WaitAsync(Longest, context.RequestAborted).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
        if (!started.IsCompletedSuccessfully)
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
