using System.Diagnostics;
using System.Globalization;
using System.Text.Json;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// Debian's <c>prometheus</c> (tests/run.sh installs it), started on the shipped docker/prometheus/ configuration with
/// its targets pointed at site processes and a 1 s scrape interval, queried through its HTTP API.
/// </summary>
public sealed class PrometheusServer : IAsyncDisposable
{
    private static readonly TimeSpan ScrapeInterval = TimeSpan.FromSeconds(1);

    private readonly Process process;
    private readonly string folder;
    private readonly HttpClient client;

    private PrometheusServer(Process process, string folder, Uri address)
    {
        this.process = process;
        this.folder = folder;
        client = new HttpClient { BaseAddress = address, Timeout = TimeSpan.FromSeconds(10) };
    }

    public static string Binary => Environment.GetEnvironmentVariable("PROMETHEUS_PATH") ?? "/usr/bin/prometheus";

    public static string ConfigFolder => Path.Combine(RepoPaths.Root, "docker", "prometheus");

    public static async Task<PrometheusServer> StartAsync(IEnumerable<Uri> metricsAddresses)
    {
        Assert.True(File.Exists(Binary), $"Prometheus is not installed at {Binary}: apt-get install prometheus (tests/run.sh does).");
        var folder = Directory.CreateDirectory(Path.Combine(Path.GetTempPath(), "tutorialsite-tests", "prometheus-" + Guid.NewGuid().ToString("N"))).FullName;
        // The shipped files, with only the targets and the intervals changed.
        var targets = string.Join(", ", metricsAddresses.Select(a => $"\"{a.Authority}\""));
        var config = (await File.ReadAllTextAsync(Path.Combine(ConfigFolder, "prometheus.yml")))
            .Replace("[\"site:9464\"]", $"[{targets}]", StringComparison.Ordinal)
            .Replace("interval: 15s", "interval: 1s", StringComparison.Ordinal);
        Assert.Contains(targets, config, StringComparison.Ordinal);
        await File.WriteAllTextAsync(Path.Combine(folder, "prometheus.yml"), config);
        File.Copy(Path.Combine(ConfigFolder, "alerts.yml"), Path.Combine(folder, "alerts.yml"));

        var port = SiteProcess.FreePort();
        var process = ToolProcess.Start(Binary,
        [
            $"--config.file={Path.Combine(folder, "prometheus.yml")}", $"--storage.tsdb.path={Path.Combine(folder, "data")}",
            $"--web.listen-address=127.0.0.1:{port}",
        ]);
        var server = new PrometheusServer(process, folder, new Uri($"http://127.0.0.1:{port}/"));
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, "Prometheus exited at start");
            try
            {
                if ((await server.client.GetAsync("-/ready")).IsSuccessStatusCode)
                {
                    return server;
                }
            }
            catch (HttpRequestException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "Prometheus was not ready within a minute");
            await Task.Delay(200);
        }
    }

    /// <summary>An instant query; the value of its only series, or null when it has none.</summary>
    public async Task<double?> QueryAsync(string promql)
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/v1/query?query=" + Uri.EscapeDataString(promql)));
        Assert.Equal("success", json.RootElement.GetProperty("status").GetString());
        var result = json.RootElement.GetProperty("data").GetProperty("result");
        return result.GetArrayLength() switch
        {
            0 => null,
            1 => double.Parse(result[0].GetProperty("value")[1].GetString()!, CultureInfo.InvariantCulture),
            var n => throw new InvalidOperationException($"`{promql}` gave {n} series; sum it."),
        };
    }

    /// <summary>
    /// Waits until <paramref name="promql"/> reaches <paramref name="expected"/> (scrapes come once a second), then
    /// lets three more scrapes pass and returns the value: "exactly" means it did not go on past it.
    /// </summary>
    public async Task<double?> SettledAsync(string promql, double expected)
    {
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while ((await QueryAsync(promql) ?? 0) < expected && DateTime.UtcNow < deadline)
        {
            await Task.Delay(ScrapeInterval / 2);
        }
        await Task.Delay(ScrapeInterval * 3);
        return await QueryAsync(promql);
    }

    /// <summary>The names of the alerting rules Prometheus loaded from the shipped alerts.yml.</summary>
    public async Task<IReadOnlyList<string>> AlertRulesAsync()
    {
        using var json = JsonDocument.Parse(await client.GetStringAsync("api/v1/rules?type=alert"));
        return [.. json.RootElement.GetProperty("data").GetProperty("groups").EnumerateArray()
            .SelectMany(g => g.GetProperty("rules").EnumerateArray()).Select(r => r.GetProperty("name").GetString()!)];
    }

    public async ValueTask DisposeAsync()
    {
        client.Dispose();
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
        Directory.Delete(folder, recursive: true);
    }
}
