using System.Diagnostics;
using System.Net;
using AngleSharp.Html.Dom;
using Npgsql;
using TutorialSite.Tests.Operations;
using Xunit.Abstractions;

namespace TutorialSite.Tests.Reliability;

/// <summary>
/// Scale-out, for real: one PostgreSQL database migrated once by the <c>migrate</c> verb, two site processes on
/// it, nginx round-robin in front. Nothing a request needs may live in one replica's memory only. Runs in the
/// PostgreSQL pass of tests/run.sh, which starts the server; without <c>TEST_POSTGRES</c> it fails, never skips.
/// </summary>
[Trait("Database", TestDatabase.PostgresOnly)]
[Trait("Category", "Slow")]
public sealed class ReplicaTests(ITestOutputHelper output) : IAsyncLifetime
{
    private const string Page = "/" + LearnerClient.Page;
    private static readonly string[] Keys = ["image-immutable", "writable-layer", "fix-in-dockerfile", "cleanup-commands", "image-in-use"];

    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"))).FullName;
    private TestDatabase database = null!;
    private SiteProcess first = null!;
    private SiteProcess second = null!;

    public async Task InitializeAsync()
    {
        var server = TestDatabase.PostgresServer
            ?? throw new InvalidOperationException("ReplicaTests need PostgreSQL: set TEST_POSTGRES to an admin connection string (tests/run.sh starts a cluster and sets it).");
        database = TestDatabase.CreatePostgres(server, pooling: true);
        var settings = new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Progress"] = database.ConnectionString,
            // Many learners from one address: the per-client write limit is for real networks, not this test.
            ["RateLimits__PerClientPerMinute"] = "0",
            ["RateLimits__PerLearnerPerMinute"] = "0",
        };
        // The deployment step, once, before any replica starts; the replicas themselves never migrate.
        Assert.Equal(0, await RunVerbAsync(settings, "migrate"));
        var placeholder = Path.Combine(folder, "unused.db"); // SiteProcess's SQLite default, overridden by the settings
        // Each with /metrics on a port of its own, as an operator would run them for Prometheus.
        first = await SiteProcess.StartAsync(placeholder, settings, metrics: true);
        second = await SiteProcess.StartAsync(placeholder, settings, metrics: true);
    }

    public async Task DisposeAsync()
    {
        await first.DisposeAsync();
        await second.DisposeAsync();
        Assert.False(File.Exists(Path.Combine(folder, "unused.db")), "a replica wrote to SQLite");
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task TickThroughOneReplica_ShowsOnTheOther()
    {
        using var learner = new LearnerClient(first.Address);
        await learner.OpenAsync();

        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("writable-layer", done: true));

        var page = await GetPageAsync(second.Address, "learner=" + learner.LearnerId);
        Assert.True(page.IsTicked("writable-layer"));
        Assert.False(page.IsTicked("image-immutable"));
    }

    [Fact]
    public async Task FormFromOneReplica_IsAcceptedByTheOther()
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false, AllowAutoRedirect = false });
        // The token a learner's script asks for before the first tick (shared pages carry none), from one replica…
        using var response = await client.GetAsync(new Uri(first.Address, Page + "?handler=Token"));
        var antiforgery = Assert.Single(response.Headers.GetValues("Set-Cookie"), c => c.StartsWith("antiforgery=", StringComparison.Ordinal)).Split(';')[0];
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        var token = json.RootElement.GetProperty("token").GetString()!;

        // …and the tick form, token and cookie, posted to the other replica.
        using var post = new HttpRequestMessage(HttpMethod.Post, new Uri(second.Address, Page + "?handler=Tick"))
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["key"] = "image-in-use",
                ["done"] = "true",
            }),
        };
        post.Headers.Add("Cookie", antiforgery);
        using var posted = await client.SendAsync(post);

        Assert.Equal(HttpStatusCode.SeeOther, posted.StatusCode);
        Assert.Equal(1, database.Scalar("""SELECT COUNT(*) FROM "Ticks" WHERE "ItemKey" = 'image-in-use'"""));
    }

    [Fact]
    public async Task Kill9_OneReplicaBehindNginx_LosesNoAcknowledgedTick_AndTheBalancerKeepsAnswering()
    {
        await using var nginx = await Nginx.StartAsync(Path.Combine(folder, "nginx"), [first.Address, second.Address]);
        using var reader = new HttpClient { BaseAddress = nginx.Address, Timeout = TimeSpan.FromSeconds(10) };
        var upstreams = new HashSet<string>();
        for (var i = 0; i < 6; i++)
        {
            using var response = await reader.GetAsync(Page);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            upstreams.Add(response.Headers.GetValues("X-Upstream").Single());
        }
        Assert.Equal(2, upstreams.Count); // round-robin: both replicas answer

        var learners = Enumerable.Range(0, 6).Select(_ => new Ledger(nginx.Address)).ToList();
        foreach (var learner in learners)
        {
            await learner.Client.OpenAsync();
        }
        using var stop = new CancellationTokenSource();
        var workers = learners.Select((l, i) => l.TickUntilAsync(new Random(i), stop.Token)).ToList();
        await Eventually.TrueAsync(() => learners.Sum(l => l.Acknowledged) >= 30, "ticks did not flow through nginx", seconds: 60);

        first.Kill(); // mid-flight: some learners' requests are in the air on it
        var atKill = learners.Sum(l => l.Acknowledged);
        var failedGets = 0;
        for (var i = 0; i < 20; i++)
        {
            using var response = await reader.GetAsync(Page);
            failedGets += response.StatusCode == HttpStatusCode.OK ? 0 : 1;
        }
        await Eventually.TrueAsync(() => learners.Sum(l => l.Acknowledged) >= atKill + 30, "ticks stopped after one replica was killed", seconds: 60);
        await stop.CancelAsync();
        await Task.WhenAll(workers);

        output.WriteLine($"acknowledged: {learners.Sum(l => l.Acknowledged)} ({atKill} before the kill), unanswered or refused: {learners.Sum(l => l.Lost)}");
        Assert.Equal(0, failedGets);
        foreach (var learner in learners)
        {
            // What the surviving replica shows, through the balancer, is what was acknowledged; so is the table.
            var page = await GetPageAsync(nginx.Address, "learner=" + learner.Client.LearnerId);
            var stored = LearnerClient.TickedIn(database, learner.Client.LearnerId!);
            foreach (var key in Keys)
            {
                if (learner.Expected(key) is { } expected)
                {
                    Assert.True(expected == stored.Contains(key), $"learner {learner.Client.LearnerId} item {key}: acknowledged {expected}, stored {!expected}");
                    Assert.Equal(expected, page.IsTicked(key));
                }
            }
            learner.Client.Dispose();
        }
    }

    [Fact]
    public async Task Prometheus_ScrapingBothReplicas_SeesEachUpAndCountsExactlyWhatEachServed()
    {
        await using var prometheus = await PrometheusServer.StartAsync([first.MetricsAddress!, second.MetricsAddress!]);
        Assert.Equal(2, await prometheus.SettledAsync("count(up{job=\"tutorialsite\"} == 1)", 2));
        string Saved(SiteProcess site) => $"sum(tutorialsite_ticks_total{{instance=\"{site.MetricsAddress!.Authority}\", tutorialsite_outcome=\"saved\"}})";
        string Views(SiteProcess site) =>
            $"sum(http_server_request_duration_seconds_count{{instance=\"{site.MetricsAddress!.Authority}\", http_route=\"{{course:slug}}/{{tutorial:slug}}\", http_request_method=\"GET\"}})";

        // Three changes through the first replica, two through the second; each learner's opening costs two GETs.
        using var one = new LearnerClient(first.Address);
        await one.OpenAsync();
        foreach (var key in Keys[..3])
        {
            Assert.Equal(HttpStatusCode.OK, await one.SetAsync(key, done: true));
        }
        using var two = new LearnerClient(second.Address);
        await two.OpenAsync();
        Assert.Equal(HttpStatusCode.OK, await two.SetAsync(Keys[0], done: true));
        Assert.Equal(HttpStatusCode.OK, await two.SetAsync(Keys[0], done: false));

        Assert.Equal(3, await prometheus.SettledAsync(Saved(first), 3));
        Assert.Equal(2, await prometheus.SettledAsync(Saved(second), 2));
        Assert.Equal(2, await prometheus.QueryAsync(Views(first)));
        Assert.Equal(2, await prometheus.QueryAsync(Views(second)));
        Assert.Equal(5, await prometheus.QueryAsync("sum(tutorialsite_ticks_total{tutorialsite_outcome=\"saved\"})"));
    }

    /// <summary>The PostgreSQL restore drill of docs/operations.md: pg_dump, more ticks, pg_restore into a new database.</summary>
    [Fact]
    public async Task PgDumpThenPgRestore_BringsBackExactlyTheTicksAtDumpTime()
    {
        using var learner = new LearnerClient(first.Address);
        await learner.OpenAsync();
        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("writable-layer", done: true));
        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("image-immutable", done: true));
        var dump = Path.Combine(folder, "progress.dump");
        var source = new NpgsqlConnectionStringBuilder(database.ConnectionString);
        Assert.Equal(0, await PostgresToolAsync("pg_dump", source, "--format=custom", $"--file={dump}", source.Database!));
        // After the dump: one untick, one more tick.
        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("writable-layer", done: false));
        Assert.Equal(HttpStatusCode.OK, await learner.SetAsync("image-in-use", done: true));

        var restored = TestDatabase.CreatePostgres(TestDatabase.PostgresServer!);
        var target = new NpgsqlConnectionStringBuilder(restored.ConnectionString);
        Assert.Equal(0, await PostgresToolAsync("pg_restore", target, "--no-owner", $"--dbname={target.Database}", dump));

        Assert.Equal(["image-immutable", "writable-layer"], LearnerClient.TickedIn(restored, learner.LearnerId!).Order());
        // A replica pointed at the restored database serves the learner's ticks at dump time, without migrating.
        await using var third = await SiteProcess.StartAsync(Path.Combine(folder, "unused.db"), new Dictionary<string, string>
        {
            ["Database__Provider"] = "Postgres",
            ["ConnectionStrings__Progress"] = restored.ConnectionString,
        });
        var page = await GetPageAsync(third.Address, "learner=" + learner.LearnerId);
        Assert.True(page.IsTicked("writable-layer"));
        Assert.True(page.IsTicked("image-immutable"));
        Assert.False(page.IsTicked("image-in-use"));
    }

    /// <summary>Runs PostgreSQL's own client tool from the server's installation, as an operator would.</summary>
    private async Task<int> PostgresToolAsync(string tool, NpgsqlConnectionStringBuilder connection, params string[] args)
    {
        var binary = Directory.GetDirectories("/usr/lib/postgresql").Order().Select(d => Path.Combine(d, "bin", tool)).LastOrDefault(File.Exists)
            ?? throw new InvalidOperationException($"{tool} is not installed (Debian's postgresql-client)");
        var start = new ProcessStartInfo(binary, args);
        start.Environment["PGHOST"] = connection.Host;
        start.Environment["PGPORT"] = connection.Port.ToString(System.Globalization.CultureInfo.InvariantCulture);
        start.Environment["PGUSER"] = connection.Username;
        start.Environment["PGPASSWORD"] = connection.Password ?? "";
        var (exitCode, log) = await ToolProcess.RunAsync(start);
        output.WriteLine($"{tool}: {log}");
        return exitCode;
    }

    private async Task<int> RunVerbAsync(Dictionary<string, string> settings, string verb)
    {
        var start = new ProcessStartInfo("dotnet", [SiteProcess.BuildOutput, verb]) { WorkingDirectory = Path.GetDirectoryName(SiteProcess.BuildOutput)! };
        start.Environment["Content__Path"] = RepoPaths.Content;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var (exitCode, log) = await ToolProcess.RunAsync(start);
        output.WriteLine($"{verb}: {log}");
        return exitCode;
    }

    private static async Task<IHtmlDocument> GetPageAsync(Uri site, string cookie)
    {
        using var client = new HttpClient(new HttpClientHandler { UseCookies = false }) { BaseAddress = site };
        client.DefaultRequestHeaders.Add("Cookie", cookie);
        return await client.GetDocumentAsync(Page);
    }

    /// <summary>What one learner asked for and what the balancer confirmed.</summary>
    private sealed class Ledger(Uri address)
    {
        private readonly Dictionary<string, bool> confirmed = [];
        private readonly HashSet<string> uncertain = [];

        public LearnerClient Client { get; } = new(address);

        public int Acknowledged { get; private set; }

        public int Lost { get; private set; }

        /// <summary>The state the database must hold, or null when a request's fate is unknown (sent to the killed replica).</summary>
        public bool? Expected(string key) => uncertain.Contains(key) ? null : confirmed.GetValueOrDefault(key);

        public async Task TickUntilAsync(Random random, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var key = Keys[random.Next(Keys.Length)];
                var done = random.Next(2) == 0;
                HttpStatusCode? status = null;
                try
                {
                    status = await Client.SetAsync(key, done);
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                }
                if (status == HttpStatusCode.OK)
                {
                    // Answered by a live replica after any earlier request on this key: it decides the state.
                    confirmed[key] = done;
                    uncertain.Remove(key);
                    Acknowledged++;
                }
                else
                {
                    uncertain.Add(key); // e.g. 502: the replica died with it, committed or not
                    Lost++;
                }
            }
        }
    }
}
