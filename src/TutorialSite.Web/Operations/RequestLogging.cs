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

/// <summary>
/// The request log, ours (<see cref="RequestLogging"/>), or for the A/B in docs/benchmarks.md ("Request logs: ours
/// against HttpLogging") ASP.NET Core's HTTP logging with the same fields in one line per request, chosen at start by
/// the hidden setting <c>Operations__RequestLog=HttpLogging</c>.
/// </summary>
public static class RequestLoggingExtensions
{
    private const string Setting = "Operations:RequestLog";

    private static bool Framework(IConfiguration configuration) =>
        string.Equals(configuration[Setting], "HttpLogging", StringComparison.OrdinalIgnoreCase);

    public static WebApplicationBuilder AddRequestLogging(this WebApplicationBuilder builder)
    {
        if (Framework(builder.Configuration))
        {
            builder.Services.AddHttpLogging(options =>
            {
                options.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestMethod
                    | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestPath
                    | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.RequestQuery
                    | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.ResponseStatusCode
                    | Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.Duration;
                options.CombineLogs = true;
            });
            builder.Services.AddSingleton<Microsoft.AspNetCore.HttpLogging.IHttpLoggingInterceptor, ProbeInterceptor>();
        }
        return builder;
    }

    public static IApplicationBuilder UseRequestLogging(this IApplicationBuilder app) =>
        Framework(app.ApplicationServices.GetRequiredService<IConfiguration>()) ? app.UseHttpLogging() : app.UseMiddleware<RequestLogging>();

    /// <summary>Successful probes are not logged (HttpLogging decides before the status is known, and has no Debug level).</summary>
    private sealed class ProbeInterceptor : Microsoft.AspNetCore.HttpLogging.IHttpLoggingInterceptor
    {
        public ValueTask OnRequestAsync(Microsoft.AspNetCore.HttpLogging.HttpLoggingInterceptorContext logContext)
        {
            if (HealthEndpoints.IsProbe(logContext.HttpContext.Request.Path))
            {
                logContext.LoggingFields = Microsoft.AspNetCore.HttpLogging.HttpLoggingFields.None;
            }
            return ValueTask.CompletedTask;
        }

        public ValueTask OnResponseAsync(Microsoft.AspNetCore.HttpLogging.HttpLoggingInterceptorContext logContext) => ValueTask.CompletedTask;
    }
}
