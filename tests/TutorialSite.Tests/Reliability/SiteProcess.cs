using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TutorialSite.Tests.Reliability;

/// <summary>
/// The site as a real process on Kestrel and a real SQLite file: what a crash, a kill or Kestrel's own limits
/// need, which the in-memory test server cannot show.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly Process process;
    private readonly ConcurrentQueue<string> output = new();

    private SiteProcess(Process process, Uri address, Uri? metricsAddress)
    {
        this.process = process;
        Address = address;
        MetricsAddress = metricsAddress;
    }

    public Uri Address { get; }

    /// <summary>The Prometheus endpoint (<c>Metrics__Port</c>) when started with metrics, else null.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>What the process has written to stdout so far (its log lines), in order.</summary>
    public IReadOnlyCollection<string> Output => output;

    public int Id => process.Id;

    /// <summary>The web project's own build output, in the configuration the tests were built in.</summary>
    public static string Dll
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            return Path.Combine(RepoPaths.Root, "src", "TutorialSite.Web", "bin", configuration, "net10.0", "TutorialSite.Web.dll");
        }
    }

    /// <param name="metrics">Also serve <c>/metrics</c> on a port of its own (<c>Metrics__Port</c>).</param>
    public static async Task<SiteProcess> StartAsync(string databaseFile, IDictionary<string, string>? settings = null, bool metrics = false)
    {
        var port = FreePort();
        var metricsPort = metrics ? FreePort() : (int?)null;
        var start = new ProcessStartInfo("dotnet", [Dll])
        {
            WorkingDirectory = Path.GetDirectoryName(Dll)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{port}";
        start.Environment["Content__Path"] = RepoPaths.Content;
        start.Environment["Content__Watch"] = "false";
        start.Environment["ConnectionStrings__Progress"] = $"Data Source={databaseFile}";
        start.Environment["Data__Path"] = Path.GetDirectoryName(databaseFile)!;
        start.Environment["Logging__LogLevel__Default"] = "Warning";
        if (metricsPort is { } chosen)
        {
            start.Environment["Metrics__Port"] = chosen.ToString(System.Globalization.CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            start.Environment[key] = value;
        }
        var process = Process.Start(start)!;
        var site = new SiteProcess(process, new Uri($"http://127.0.0.1:{port}/"), metricsPort is { } m ? new Uri($"http://127.0.0.1:{m}/metrics") : null);
        process.OutputDataReceived += (_, line) =>
        {
            if (line.Data is not null)
            {
                site.output.Enqueue(line.Data);
            }
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (true)
        {
            Assert.False(process.HasExited, $"the site exited with code {(process.HasExited ? process.ExitCode : 0)}");
            try
            {
                if ((await probe.GetAsync(site.Address)).IsSuccessStatusCode)
                {
                    return site;
                }
            }
            catch (HttpRequestException)
            {
            }
            catch (TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, "the site did not start within a minute");
            await Task.Delay(100);
        }
    }

    /// <summary>The process's resident memory now (VmRSS).</summary>
    public long ResidentBytes()
    {
        process.Refresh();
        return process.WorkingSet64;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: true);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as a container runtime stops a container; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(timeout);
        await process.WaitForExitAsync(wait.Token);
        return process.ExitCode;
    }

    public async ValueTask DisposeAsync()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process.Dispose();
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
