using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using TutorialSite.Tests.Reliability;
using TutorialSite.Web.Operations;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// Metrics and traces, on the real site process: /metrics only on <c>Metrics__Port</c>, read by a real Prometheus,
/// OTLP to a real HTTP listener, trace ids in the JSON log lines.
/// </summary>
public sealed class MetricsTests : IAsyncLifetime
{
    // Routes as ASP.NET Core names them in http.route: the page's template, without its leading slash.
    private const string TutorialRoute = "{course:slug}/{tutorial:slug}";

    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"))).FullName;
    private readonly List<IAsyncDisposable> started = [];

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var item in Enumerable.Reverse(started))
        {
            await item.DisposeAsync();
        }
        Directory.Delete(folder, recursive: true);
    }

    private async Task<SiteProcess> StartSiteAsync(Dictionary<string, string>? settings = null, bool metrics = true)
    {
        settings ??= [];
        // Many requests from one address: the per-client write limit is for real networks, not this test.
        settings["RateLimits__PerClientPerMinute"] = "0";
        settings["RateLimits__PerLearnerPerMinute"] = "0";
        var site = await SiteProcess.StartAsync(Path.Combine(folder, Guid.NewGuid().ToString("N") + ".db"), settings, metrics);
        started.Add(site);
        return site;
    }

    [Fact]
    public async Task MetricsPort_ServesPrometheusTextOfEveryMeter_AndNothingElse()
    {
        var site = await StartSiteAsync();
        using var client = new HttpClient();
        await client.GetAsync(new Uri(site.Address, LearnerClient.Page));

        using var response = await client.GetAsync(site.MetricsAddress);
        var text = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.StartsWith("text/plain", response.Content.Headers.ContentType?.MediaType, StringComparison.Ordinal);
        foreach (var family in new[]
        {
            "# TYPE http_server_request_duration_seconds histogram", "# TYPE kestrel_active_connections gauge",
            "# TYPE dotnet_gc_collections_total counter", "# TYPE tutorialsite_content_tutorials gauge",
            "# TYPE tutorialsite_page_cache_requests_total counter",
        })
        {
            Assert.Contains(family, text, StringComparison.Ordinal);
        }
        Assert.Contains($"http_route=\"{TutorialRoute}\"", text, StringComparison.Ordinal);
        // The metrics port serves no page, and the scrapes themselves are not counted as requests.
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(site.MetricsAddress!, "/"))).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync(new Uri(site.MetricsAddress!, "/" + LearnerClient.Page))).StatusCode);
        Assert.DoesNotContain("http_route=\"\"", await client.GetStringAsync(site.MetricsAddress), StringComparison.Ordinal);
        // Dropped by a view (Telemetry.Dropped): recorded on every request, read by no alert.
        Assert.DoesNotContain("http_server_active_requests", text, StringComparison.Ordinal);
    }

    [Fact]
    public async Task PageCacheMetric_CountsExactlyTheHitsAndMisses_ReadFromTheCachesCounts()
    {
        // All code highlighted before serving: a deferred highlight pass would swap the snapshot (and so empty the
        // page cache) in the middle of the counting, whenever a loaded machine makes it land there.
        var site = await StartSiteAsync(new() { ["Content__HighlightBeforeServing"] = "00:05:00" });
        using var client = new HttpClient();
        var page = new Uri(site.Address, LearnerClient.Page);
        await client.GetAsync(page); // rendered and kept (or already kept by the start-up's readiness probe)
        var before = await PageCacheAsync(client, site);

        await client.GetAsync(page);
        await client.GetAsync(page);
        // A 404 of the tutorial route: looked up and missed, rendered, never kept, so missed again.
        await client.GetAsync(new Uri(site.Address, LearnerClient.Page + "-no-such-page"));
        await client.GetAsync(new Uri(site.Address, LearnerClient.Page + "-no-such-page"));

        var after = await PageCacheAsync(client, site);
        Assert.Equal((before.Hits + 2, before.Misses + 2), after);
        Assert.True(before.Misses >= 1);
    }

    private static async Task<(long Hits, long Misses)> PageCacheAsync(HttpClient client, SiteProcess site)
    {
        // The exporter may answer a scrape from its copy of the last one for a moment.
        await Task.Delay(TimeSpan.FromSeconds(1));
        var lines = (await client.GetStringAsync(site.MetricsAddress)).Split('\n');
        long Count(string result) => lines
            .Where(l => l.StartsWith("tutorialsite_page_cache_requests_total{", StringComparison.Ordinal)
                && l.Contains("tutorialsite_page_cache=\"anonymous\"", StringComparison.Ordinal)
                && l.Contains($"tutorialsite_page_cache_result=\"{result}\"", StringComparison.Ordinal))
            .Select(l => long.Parse(l.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture)).Single();
        return (Count("hit"), Count("miss"));
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public async Task PublicPort_NeverServesMetrics_WhateverTheHostHeader(bool metricsOn)
    {
        var site = await StartSiteAsync(metrics: metricsOn);
        using var client = new HttpClient();
        var hosts = new List<string> { site.Address.Authority };
        if (site.MetricsAddress is { } metrics)
        {
            hosts.Add(metrics.Authority);
        }

        foreach (var host in hosts)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Address, "/metrics"));
            request.Headers.Host = host;
            using var response = await client.SendAsync(request);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.DoesNotContain("# TYPE", await response.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
    }

    [Fact]
    public void MetricsPort_SameAsAPublicPort_StopsTheStart()
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?> { ["http_ports"] = "8080" }).Build();

        var error = Assert.Throws<InvalidOperationException>(() => { Telemetry.WithMetricsPort(configuration, 8080); });

        Assert.Contains("Metrics__Port: 8080 is also a public port", error.Message, StringComparison.Ordinal);
        Assert.Equal("http://*:8080;http://*:9464", Telemetry.WithMetricsPort(configuration, 9464));
    }

    [Fact]
    public async Task Prometheus_ScrapingTheSite_SeesItUpAndCountsExactlyThePagesAndTicksDone()
    {
        var site = await StartSiteAsync();
        var prometheus = await PrometheusServer.StartAsync([site.MetricsAddress!]);
        started.Add(prometheus);
        Assert.Equal(1, await prometheus.SettledAsync("up{job=\"tutorialsite\"}", 1));
        Assert.Equal(
            ["TutorialSiteDown", "TutorialSiteServerErrors", "TutorialSiteSlowTutorialPages", "TutorialSiteTickFailures", "TutorialSiteSlowTickCommits", "TutorialSiteContentErrors"],
            await prometheus.AlertRulesAsync());
        var gets = $"sum(http_server_request_duration_seconds_count{{http_route=\"{TutorialRoute}\", http_request_method=\"GET\", http_response_status_code=\"200\"}})";
        var posts = $"sum(http_server_request_duration_seconds_count{{http_route=\"{TutorialRoute}\", http_request_method=\"POST\"}})";
        var inf = $"sum(http_server_request_duration_seconds_bucket{{http_route=\"{TutorialRoute}\", http_request_method=\"GET\", le=\"+Inf\"}})";
        const string saved = "sum(tutorialsite_ticks_total{tutorialsite_outcome=\"saved\"})";
        const string commits = "sum(tutorialsite_tick_writer_commit_duration_seconds_count)";
        var before = (Gets: await prometheus.QueryAsync(gets) ?? 0, Saved: await prometheus.QueryAsync(saved) ?? 0);

        // 7 anonymous views; a learner opens the page (a view and the token request: 2 GETs) and makes 5 changes.
        using (var reader = new HttpClient { BaseAddress = site.Address })
        {
            for (var i = 0; i < 7; i++)
            {
                (await reader.GetAsync(LearnerClient.Page)).EnsureSuccessStatusCode();
            }
        }
        using var learner = new LearnerClient(site.Address);
        await learner.OpenAsync();
        foreach (var (key, done) in new[] { ("writable-layer", true), ("image-immutable", true), ("cleanup-commands", true), ("image-immutable", false), ("image-in-use", true) })
        {
            Assert.Equal(HttpStatusCode.OK, await learner.SetAsync(key, done));
        }

        Assert.Equal(before.Gets + 9, await prometheus.SettledAsync(gets, before.Gets + 9));
        Assert.Equal(before.Gets + 9, await prometheus.QueryAsync(inf));
        Assert.Equal(5, await prometheus.QueryAsync(posts));
        Assert.Equal(before.Saved + 5, await prometheus.SettledAsync(saved, before.Saved + 5));
        // Every change was committed, possibly several in one group commit.
        Assert.InRange(await prometheus.QueryAsync(commits) ?? 0, 1, 5);
        Assert.Null(await prometheus.QueryAsync("sum(tutorialsite_ticks_total{tutorialsite_outcome=\"failed\"})"));
    }

    [Theory]
    [InlineData("check", "config", "prometheus.yml")]
    [InlineData("check", "rules", "alerts.yml")]
    [InlineData("test", "rules", "alerts.test.yml")]
    public async Task ShippedPrometheusFiles_PassPromtool(string command, string kind, string file)
    {
        var promtool = Path.Combine(Path.GetDirectoryName(PrometheusServer.Binary)!, "promtool");
        var start = new System.Diagnostics.ProcessStartInfo(promtool, [command, kind, file])
        {
            WorkingDirectory = PrometheusServer.ConfigFolder,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var process = System.Diagnostics.Process.Start(start)!;
        var output = await process.StandardOutput.ReadToEndAsync() + await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();

        Assert.True(process.ExitCode == 0, $"promtool {command} {kind} {file}:\n{output}");
        Assert.Contains("SUCCESS", output, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LogLines_CarryTheTraceIdTheRequestCameWith()
    {
        var site = await StartSiteAsync(new()
        {
            ["Logging__LogLevel__Default"] = "Information",
            ["Logging__Console__FormatterName"] = "json",
            ["Logging__Console__FormatterOptions__IncludeScopes"] = "true",
        }, metrics: false);
        var (traceId, parentId) = ("4bf92f3577b34da6a3ce929d0e0e4736", "00f067aa0ba902b7");
        using var client = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(site.Address, LearnerClient.Page + "?from=trace-test"));
        request.Headers.Add("traceparent", $"00-{traceId}-{parentId}-01");

        (await client.SendAsync(request)).EnsureSuccessStatusCode();

        var line = await WaitForAsync(() => site.Output.FirstOrDefault(l => l.Contains("from=trace-test", StringComparison.Ordinal)));
        using var json = JsonDocument.Parse(line);
        var scope = json.RootElement.GetProperty("Scopes").EnumerateArray().Single(s => s.TryGetProperty("TraceId", out _));
        Assert.Equal(traceId, scope.GetProperty("TraceId").GetString());
        Assert.Equal(parentId, scope.GetProperty("ParentId").GetString());
        Assert.Matches("^[0-9a-f]{16}$", scope.GetProperty("SpanId").GetString());
    }

    [Fact]
    public async Task Otlp_SendsTheRequestsTraceWithItsDatabaseAndCommitSpans_AndTheMetrics()
    {
        using var collector = new OtlpCollector();
        var site = await StartSiteAsync(new()
        {
            ["OTEL_EXPORTER_OTLP_ENDPOINT"] = collector.Address,
            ["OTEL_EXPORTER_OTLP_PROTOCOL"] = "http/protobuf",
            ["OTEL_BSP_SCHEDULE_DELAY"] = "200",
            ["OTEL_METRIC_EXPORT_INTERVAL"] = "500",
        }, metrics: false);
        using var learner = new LearnerClient(site.Address);
        await learner.OpenAsync();
        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("writable-layer", true));

        // OTLP is protobuf: names and ids are there as their bytes (UTF-8 strings, 16-byte trace ids).
        Diagnostics = "";
        _ = Task.Delay(25_000).ContinueWith(_ => Diagnostics = $": received {collector.Summary}; log: {string.Join('\n', site.Output.TakeLast(20))}", TaskScheduler.Default);
        var traces = await WaitForAsync(() => collector.Received("/v1/traces") is var body
            && Contains(body, "tick_writer commit") && Contains(body, "INSERT INTO \"Ticks\"") && Contains(body, "POST {course:slug}/{tutorial:slug}") ? body : null);
        Assert.True(Contains(traces, "sqlite"), "the EF Core command spans name the database system");
        var metrics = await WaitForAsync(() => collector.Received("/v1/metrics") is var body && Contains(body, "tutorialsite.ticks") ? body : null);
        Assert.True(Contains(metrics, "http.server.request.duration"));
        Assert.True(Contains(metrics, "tutorialsite.tick_writer.commit.duration"));
    }

    /// <summary>What a failing wait reports.</summary>
    private static string Diagnostics { get; set; } = "";

    private static bool Contains(byte[] body, string text) => body.AsSpan().IndexOf(Encoding.UTF8.GetBytes(text)) >= 0;

    private static async Task<T> WaitForAsync<T>(Func<T?> find) where T : class
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            if (find() is { } found)
            {
                return found;
            }
            Assert.True(DateTime.UtcNow < deadline, $"not seen within 30 s{Diagnostics}");
            await Task.Delay(100);
        }
    }

    /// <summary>An OTLP/HTTP receiver: keeps every body posted to each path, answers 200.</summary>
    private sealed class OtlpCollector : IDisposable
    {
        private readonly HttpListener listener = new();
        private readonly Dictionary<string, MemoryStream> bodies = [];

        public OtlpCollector()
        {
            var port = SiteProcess.FreePort();
            Address = $"http://127.0.0.1:{port}";
            listener.Prefixes.Add(Address + "/");
            listener.Start();
            _ = Task.Run(ReceiveAsync);
        }

        public string Address { get; }

        public string Summary
        {
            get
            {
                lock (bodies)
                {
                    return string.Join(", ", bodies.Select(b => $"{b.Key}: {b.Value.Length} bytes: {Encoding.UTF8.GetString(b.Value.ToArray()).Replace('\0', '.')[..Math.Min(3000, (int)b.Value.Length)]}"));
                }
            }
        }

        public byte[] Received(string path)
        {
            lock (bodies)
            {
                return bodies.TryGetValue(path, out var body) ? body.ToArray() : [];
            }
        }

        private async Task ReceiveAsync()
        {
            while (listener.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await listener.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException or SocketException)
                {
                    return;
                }
                using var body = new MemoryStream();
                await context.Request.InputStream.CopyToAsync(body);
                lock (bodies)
                {
                    var path = context.Request.Url!.AbsolutePath;
                    if (!bodies.TryGetValue(path, out var all))
                    {
                        bodies[path] = all = new MemoryStream();
                    }
                    body.WriteTo(all);
                }
                context.Response.StatusCode = 200;
                context.Response.ContentType = "application/x-protobuf";
                context.Response.Close();
            }
        }

        public void Dispose() => listener.Close();
    }
}
