using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;

namespace TutorialSite.Testing;

/// <summary>
/// The site as a real process (<c>dotnet TutorialSite.Web.dll</c> in Production on Kestrel, a free 127.0.0.1 port,
/// a SQLite file of its own): what a crash, a kill, a restart, Kestrel's own limits or a real browser need, which the
/// in-memory test server cannot show. One file, linked into both test projects (tests/Shared/).
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly string app;
    private readonly IReadOnlyDictionary<string, string> settings;
    private readonly ConcurrentQueue<string> output = new();
    private Process? process;

    /// <param name="app">The site to run: <see cref="BuildOutput"/> or <see cref="PublishedOutput"/>.</param>
    /// <param name="databaseFile">Its SQLite file (<c>ConnectionStrings__Progress</c>), unless the settings say otherwise.</param>
    /// <param name="contentPath">The content folder to serve; the repository's sample content by default.</param>
    /// <param name="settings">More environment variables for the process (<c>Section__Key</c>); they win over the above.</param>
    /// <param name="metrics">Also serve <c>/metrics</c> on a port of its own (<c>Metrics__Port</c>).</param>
    public SiteProcess(string app, string databaseFile, string? contentPath = null, IDictionary<string, string>? settings = null, bool metrics = false)
    {
        this.app = app;
        DatabaseFile = databaseFile;
        ContentPath = contentPath ?? RepoPaths.Content;
        this.settings = new Dictionary<string, string>(settings ?? new Dictionary<string, string>());
        Port = FreePort();
        MetricsAddress = metrics ? new Uri($"http://127.0.0.1:{FreePort()}/metrics") : null;
    }

    /// <summary>The web project's own build output, in the configuration the tests were built in.</summary>
    public static string BuildOutput
    {
        get
        {
            var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent!.Name; // bin/<Configuration>/net10.0/
            return Path.Combine(RepoPaths.Root, "src", "TutorialSite.Web", "bin", configuration, "net10.0", "TutorialSite.Web.dll");
        }
    }

    /// <summary>The site published into the test project's output (static assets are served only from a publish).</summary>
    public static string PublishedOutput => Path.Combine(AppContext.BaseDirectory, "site", "TutorialSite.Web.dll");

    public string ContentPath { get; }

    public string DatabaseFile { get; }

    /// <summary>Kept across <see cref="StopAsync"/>/<see cref="StartAsync()"/>: a restart, not a new site.</summary>
    public int Port { get; }

    public Uri Address => new($"http://127.0.0.1:{Port}/");

    /// <summary>The Prometheus endpoint (<c>Metrics__Port</c>) when made with metrics, else null.</summary>
    public Uri? MetricsAddress { get; }

    /// <summary>What the process has written to stdout and stderr so far (its log lines), in order.</summary>
    public IReadOnlyCollection<string> Output => output;

    public int Id => Running.Id;

    private Process Running => process ?? throw new InvalidOperationException("The site is not running.");

    /// <summary>
    /// The build output on <paramref name="databaseFile"/>, its data folder beside it, content not watched and only
    /// warnings logged (quiet and fixed for tests that kill, restart or measure it), started.
    /// </summary>
    public static async Task<SiteProcess> StartAsync(string databaseFile, IDictionary<string, string>? settings = null, bool metrics = false)
    {
        var quiet = new Dictionary<string, string>
        {
            ["Content__Watch"] = "false",
            ["Data__Path"] = Path.GetDirectoryName(databaseFile)!,
            ["Logging__LogLevel__Default"] = "Warning",
        };
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            quiet[key] = value;
        }
        var site = new SiteProcess(BuildOutput, databaseFile, settings: quiet, metrics: metrics);
        await site.StartAsync();
        return site;
    }

    /// <summary>Starts the process and returns once it answers <c>/</c>.</summary>
    public Task StartAsync() => StartAsync("/");

    /// <summary>Starts the process and returns once it answers <paramref name="probe"/> with 200 (e.g. <c>/healthz</c>, which answers while the content loads).</summary>
    public async Task StartAsync(string probe)
    {
        if (!File.Exists(app))
        {
            throw new InvalidOperationException($"The site is missing at {app}: build the test project first.");
        }
        var start = new ProcessStartInfo("dotnet", [app])
        {
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = $"http://127.0.0.1:{Port}";
        start.Environment["Content__Path"] = ContentPath;
        start.Environment["ConnectionStrings__Progress"] = $"Data Source={DatabaseFile}";
        start.Environment["DOTNET_NOLOGO"] = "1";
        if (MetricsAddress is { } metrics)
        {
            start.Environment["Metrics__Port"] = metrics.Port.ToString(CultureInfo.InvariantCulture);
        }
        foreach (var (key, value) in settings)
        {
            start.Environment[key] = value;
        }
        var started = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process = started;
        started.OutputDataReceived += (_, e) => Append(e.Data);
        started.ErrorDataReceived += (_, e) => Append(e.Data);
        started.BeginOutputReadLine();
        started.BeginErrorReadLine();
        await WaitUntilReadyAsync(started, new Uri(Address, probe));
    }

    /// <summary>Kills the process (a restart with <see cref="StartAsync()"/> keeps the port and the database).</summary>
    public async Task StopAsync()
    {
        if (process is { HasExited: false })
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
        process?.Dispose();
        process = null;
    }

    /// <summary>The process's resident memory now (VmRSS).</summary>
    public long ResidentBytes()
    {
        Running.Refresh();
        return Running.WorkingSet64;
    }

    /// <summary>SIGKILL: no shutdown, no flush, no goodbye.</summary>
    public void Kill()
    {
        Running.Kill(entireProcessTree: true);
        Running.WaitForExit();
    }

    /// <summary>SIGTERM, as a container runtime stops a container; returns the exit code.</summary>
    public async Task<int> TerminateAsync(TimeSpan timeout)
    {
        using (var kill = Process.Start("kill", ["-TERM", Id.ToString(CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }
        using var wait = new CancellationTokenSource(timeout);
        await Running.WaitForExitAsync(wait.Token);
        return Running.ExitCode;
    }

    public async ValueTask DisposeAsync() => await StopAsync();

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private async Task WaitUntilReadyAsync(Process started, Uri probeAddress)
    {
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
            {
                started.WaitForExit(); // (with no timeout: until its output is all read)
                throw new InvalidOperationException($"The site exited with code {started.ExitCode} while starting:\n{string.Join('\n', output)}");
            }
            try
            {
                using var response = await probe.GetAsync(probeAddress);
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            catch (TaskCanceledException)
            {
                // Listening, but too busy to answer yet.
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"The site did not answer on {probeAddress} within 60 s:\n{string.Join('\n', output)}");
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            output.Enqueue(line);
        }
    }
}
