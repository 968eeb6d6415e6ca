using System.Diagnostics;

namespace TutorialSite.Web.Operations;

/// <summary>
/// One log line per request: method, path, status and duration. ASP.NET's own start/finish lines stay off
/// (<c>Microsoft.AspNetCore</c> logs at Warning), so this is the only one.
/// </summary>
public sealed partial class RequestLogging(RequestDelegate next, ILogger<RequestLogging> logger)
{
    public async Task InvokeAsync(HttpContext context)
    {
        var start = Stopwatch.GetTimestamp();
        try
        {
            await next(context);
        }
        finally
        {
            var status = context.Response.StatusCode;
            // Probes arrive every few seconds; they are logged only when they fail, or at Debug.
            var level = HealthEndpoints.IsProbe(context.Request.Path) && status < 400 ? LogLevel.Debug : LogLevel.Information;
            if (logger.IsEnabled(level))
            {
                LogRequest(logger, level, context.Request.Method, context.Request.Path + context.Request.QueryString, status,
                    Math.Round(Stopwatch.GetElapsedTime(start).TotalMilliseconds, 1));
            }
        }
    }

    [LoggerMessage(EventId = 1, EventName = "Request", Message = "{Method} {Path} responded {StatusCode} in {ElapsedMilliseconds} ms")]
    private static partial void LogRequest(ILogger logger, LogLevel level, string method, string path, int statusCode, double elapsedMilliseconds);
}
