using System.Collections.Concurrent;
using System.Net;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace TutorialSite.Tests.Reliability;

/// <summary>
/// SQLite's promise, checked end to end: a tick the site acknowledged survives the process being killed, and
/// many learners ticking at once all get their answer. Rounds and durations are short here; the benchmark
/// harness runs the long versions (see docs/reliability.md).
/// </summary>
[Trait("Category", "Slow")]
public sealed class CrashAndLoadTests(ITestOutputHelper output) : IDisposable
{
    private static readonly string[] Keys = ["image-immutable", "writable-layer", "fix-in-dockerfile", "cleanup-commands", "image-in-use"];
    private readonly string folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"))).FullName;
    private readonly Dictionary<string, string> unlimited = new()
    {
        // Many learners from one address: the per-client write limit is for real networks, not this test.
        ["RateLimits__PerClientPerMinute"] = "0",
        ["RateLimits__PerLearnerPerMinute"] = "0",
    };

    private readonly List<Ledger> ledgers = [];

    private string Database => Path.Combine(folder, "progress.db");

    public void Dispose()
    {
        ledgers.ForEach(l => l.Client.Dispose());
        try
        {
            Directory.Delete(folder, recursive: true);
        }
        catch (IOException)
        {
        }
    }

    [Fact]
    public async Task Kill9_WhileLearnersTick_LosesNoAcknowledgedTickAndLeavesTheDatabaseIntact()
    {
        var rounds = Setting("RELIABILITY_KILL_ROUNDS", 6);
        var random = new Random(1127);
        var learners = NewLearners(6);
        var acknowledged = 0;

        for (var round = 0; round < rounds; round++)
        {
            var site = await SiteProcess.StartAsync(Database, unlimited);
            await OpenAllAsync(learners, site.Address);
            using var stop = new CancellationTokenSource();
            var before = learners.Sum(l => l.Acknowledged);
            var workers = learners.Select(l => l.TickUntilAsync(new Random(random.Next()), stop.Token)).ToList();
            // Kill only once ticks are flowing (a loaded CI machine may take seconds to warm up), at a random moment.
            var warm = DateTime.UtcNow.AddSeconds(30);
            while (learners.Sum(l => l.Acknowledged) == before && DateTime.UtcNow < warm)
            {
                await Task.Delay(20);
            }
            await Task.Delay(random.Next(100, 1000));
            site.Kill(); // mid-flight: requests are in the air
            await stop.CancelAsync();
            await Task.WhenAll(workers);
            await site.DisposeAsync();
        }
        acknowledged = learners.Sum(l => l.Acknowledged);
        output.WriteLine($"kill -9 rounds: {rounds}, learners: {learners.Count}, acknowledged ticks: {acknowledged}, in flight at a kill: {learners.Sum(l => l.Uncertain)}");

        Assert.True(acknowledged > rounds, $"only {acknowledged} ticks were acknowledged: the test did not exercise anything; refused: {string.Join(", ", learners.SelectMany(l => l.Failures).Take(5))}");
        using var connection = new SqliteConnection($"Data Source={Database};Pooling=False");
        connection.Open();
        Assert.Equal("ok", Scalar(connection, "PRAGMA integrity_check"));
        foreach (var learner in learners.Where(l => l.Client.LearnerId is not null))
        {
            var stored = LearnerClient.TickedIn(TestDatabase.Sqlite(Database), learner.Client.LearnerId!);
            foreach (var key in Keys)
            {
                if (learner.Expected(key) is { } expected)
                {
                    Assert.True(expected == stored.Contains(key), $"learner {learner.Client.LearnerId} item {key}: acknowledged {expected}, stored {!expected}");
                }
            }
        }
    }

    [Fact]
    public async Task ManyLearnersAtOnce_AllGetTheirAnswer_AndTheDatabaseMatchesWhatWasAcknowledged()
    {
        var seconds = Setting("RELIABILITY_LOAD_SECONDS", 8);
        await using var site = await SiteProcess.StartAsync(Database, unlimited);
        var learners = await NewLearnersAsync(64, site.Address);

        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(seconds));
        await Task.WhenAll(learners.Select((l, i) => l.TickUntilAsync(new Random(i), stop.Token)));

        output.WriteLine($"{learners.Count} learners for {seconds} s: {learners.Sum(l => l.Acknowledged)} acknowledged ticks ({learners.Sum(l => l.Acknowledged) / seconds}/s), {learners.Sum(l => l.Failures.Count)} errors");
        Assert.Empty(learners.SelectMany(l => l.Failures));
        Assert.True(learners.Sum(l => l.Acknowledged) > 64, "hardly any ticks went through");
        foreach (var learner in learners)
        {
            var stored = LearnerClient.TickedIn(TestDatabase.Sqlite(Database), learner.Client.LearnerId!);
            Assert.All(Keys, key => Assert.Equal(learner.Expected(key) ?? false, stored.Contains(key)));
        }
    }

    [Fact]
    public async Task Soak_MixedReadsAndTicks_GetOnlyExpectedStatusesAndMemoryStaysFlat()
    {
        var seconds = Setting("RELIABILITY_SOAK_SECONDS", 10);
        await using var site = await SiteProcess.StartAsync(Database, unlimited);
        var learners = await NewLearnersAsync(16, site.Address);
        using var reader = new HttpClient { BaseAddress = site.Address };
        string[] pages = ["/", "/docker", "/" + LearnerClient.Page, "/git/first-repository", "/progress", "/no-such-page"];
        var unexpected = new ConcurrentBag<string>();

        async Task RunAsync(TimeSpan duration)
        {
            using var stop = new CancellationTokenSource(duration);
            var readers = Enumerable.Range(0, 8).Select(async r =>
            {
                var random = new Random(r);
                while (!stop.IsCancellationRequested)
                {
                    var page = pages[random.Next(pages.Length)];
                    using var response = await reader.GetAsync(page, CancellationToken.None);
                    if (response.StatusCode != (page == "/no-such-page" ? HttpStatusCode.NotFound : HttpStatusCode.OK))
                    {
                        unexpected.Add($"GET {page}: {(int)response.StatusCode}");
                    }
                }
            });
            await Task.WhenAll(learners.Select((l, i) => l.TickUntilAsync(new Random(i), stop.Token)).Concat(readers));
        }

        await RunAsync(TimeSpan.FromSeconds(Math.Max(2, seconds / 4))); // warm up: JIT, caches, pools
        var warm = site.ResidentBytes();
        await RunAsync(TimeSpan.FromSeconds(seconds));
        var after = site.ResidentBytes();

        output.WriteLine($"soak {seconds} s: {learners.Sum(l => l.Acknowledged)} ticks, resident {warm / 1048576} MB after warm-up, {after / 1048576} MB at the end, {unexpected.Count} unexpected statuses");
        Assert.Empty(unexpected);
        Assert.Empty(learners.SelectMany(l => l.Failures));
        // Flat: what a leak would break, not a tight budget (the GC may grow its heap a little under load).
        Assert.True(after < warm * 1.5 + 64 * 1024 * 1024, $"resident memory grew from {warm / 1048576} MB to {after / 1048576} MB");
    }

    /// <summary>What one learner asked for and what the site confirmed.</summary>
    private sealed class Ledger
    {
        private readonly ConcurrentDictionary<string, bool> confirmed = new();
        private readonly HashSet<string> uncertain = [];

        public LearnerClient Client { get; } = new(new Uri("http://127.0.0.1/"));

        public int Acknowledged { get; private set; }

        public int Uncertain => uncertain.Count;

        public List<string> Failures { get; } = [];

        /// <summary>The state the database must hold, or null when the last request's fate is unknown.</summary>
        public bool? Expected(string key) => uncertain.Contains(key) ? null : confirmed.TryGetValue(key, out var done) ? done : false;

        public async Task TickUntilAsync(Random random, CancellationToken stop)
        {
            while (!stop.IsCancellationRequested)
            {
                var key = Keys[random.Next(Keys.Length)];
                var done = random.Next(2) == 0;
                uncertain.Add(key); // sent, not yet answered: a kill now leaves either state
                try
                {
                    var status = await Client.SetAsync(key, done);
                    if (status == HttpStatusCode.OK)
                    {
                        confirmed[key] = done;
                        uncertain.Remove(key);
                        Acknowledged++;
                    }
                    else
                    {
                        Failures.Add($"{key}={done}: {(int)status}");
                        uncertain.Remove(key); // refused, so nothing changed
                    }
                }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException)
                {
                    return; // the site went away mid-request
                }
            }
        }
    }

    /// <summary>A length the benchmark harness sets higher (docs/reliability.md): the environment variable, or <paramref name="fallback"/>.</summary>
    private static int Setting(string variable, int fallback) =>
        Environment.GetEnvironmentVariable(variable) is { } value ? int.Parse(value, System.Globalization.CultureInfo.InvariantCulture) : fallback;

    /// <summary><paramref name="count"/> learners, their clients disposed with the test.</summary>
    private List<Ledger> NewLearners(int count)
    {
        var made = Enumerable.Range(0, count).Select(_ => new Ledger()).ToList();
        ledgers.AddRange(made);
        return made;
    }

    /// <summary><paramref name="count"/> learners with the tutorial open on the site at <paramref name="site"/>.</summary>
    private async Task<List<Ledger>> NewLearnersAsync(int count, Uri site)
    {
        var made = NewLearners(count);
        await OpenAllAsync(made, site);
        return made;
    }

    /// <summary>Each learner opens the tutorial on the site at <paramref name="site"/>, as it (re)started.</summary>
    private static async Task OpenAllAsync(List<Ledger> learners, Uri site)
    {
        foreach (var learner in learners)
        {
            await learner.Client.OpenAsync(site);
        }
    }

    private static object? Scalar(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        return command.ExecuteScalar();
    }
}
