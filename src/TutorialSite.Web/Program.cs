using System.Data.Common;
using TutorialSite.Web;
using TutorialSite.Web.Content;
using TutorialSite.Web.Pages;
using TutorialSite.Web.Operations;
using TutorialSite.Web.Progress;
using TutorialSite.Web.Serving;

var builder = WebApplication.CreateBuilder(args);

// Tutorials: Markdown files parsed once into an immutable snapshot.
builder.Services.AddContent(builder.Configuration);
// Learner progress: ticks stored through EF Core, in SQLite (the default) or PostgreSQL; data-protection keys beside them.
builder.Services.AddProgress(builder.Configuration);
// The pages that join the two, the web edge (the learner cookie, feeds, content assets) and their meter.
builder.Services.AddPages();
// Antiforgery cookies, HSTS, request limits and write rate limits.
builder.AddSecurity();
// Running it: the data folder handed to both features, trusted proxies, shutdown timeout, readiness checks.
builder.AddOperations();
// Metrics for Prometheus on Metrics__Port, metrics and traces over OTLP with OTEL_EXPORTER_OTLP_ENDPOINT; off by default.
builder.AddTelemetry();

var app = builder.Build();

// `check`, `migrate`, `backup FILE`, `import FILE`: the same executable and configuration, as a command-line tool.
if (Verbs.IsVerb(args))
{
    return await Verbs.RunAsync(app, args);
}

// The content loads while the request pipeline below is put together (none of it reads the content); then the progress
// database migrates (on SQLite, the single-instance default; replicas on PostgreSQL leave it to `migrate`): SiteStart.
_ = Task.Run(app.Services.GetRequiredService<ContentLoading>().LoadFirst);

// Requests on Metrics__Port get /metrics and nothing else; no other port ever reaches it.
app.UseMetricsEndpoint();
// Forwarded headers from trusted proxies, then one log line per request.
app.UseOperations();
if (!app.Environment.IsDevelopment())
{
    app.UseExceptionHandler("/status/500");
}
// Security headers on every response, only GET/HEAD/POST.
app.UseSecurity();
// Anonymous readers' pages (rendered once per content snapshot, served from memory, pre-compressed) and learners'
// tutorial pages (rendered once per snapshot with holes, filled in per request after one query). A page kept is sent
// at once, before routing and everything below; then routing, and a page they miss is rendered through the rest and
// kept.
app.UsePageCaches();
// Writes: bodies within their page's limit (applied by routing, in UsePageCaches), rate-limited.
app.UseWriteLimits();
// 404s and other errors are shown as pages in the site's layout.
// The original query (a page handler's name) is dropped: the status page has handlers of its own.
app.UseStatusCodePagesWithReExecute("/status/{0}", "?");
// /healthz (liveness) and /readyz (readiness: content and database), uncached.
app.MapHealthEndpoints();
app.MapStaticAssets();
// Images that live beside the Markdown; the sitemap and the Atom feed.
app.UseContentAssets();
app.MapContentFeeds();
// Named here so the cached pages above skip them (the site has no sign-in; left to itself, ASP.NET would run them
// first on every request, each opening the request's service scope).
app.UseAuthentication();
app.UseAuthorization();
app.MapRazorPages().WithStaticAssets();

// Kestrel listens while the content loads and then the database migrates: a request that comes before the content
// waits for it (Operations/WaitForContent), a query made before the migration is done waits for it (Progress/
// MigrationGate). The host's start completes with both (Operations/SiteStart).
var lifetime = app.Lifetime; // (asked for before the run: a failed start disposes of the services)
try
{
    await app.RunAsync();
}
catch (Exception e) when ((e is DbException or IOException or UnauthorizedAccessException) && !lifetime.ApplicationStarted.IsCancellationRequested)
{
    // The progress database could not be created or migrated on start: logged as critical, naming it. Exit 1, as
    // `migrate` does, rather than abort with a crash dump.
    return 1;
}
return 0;
