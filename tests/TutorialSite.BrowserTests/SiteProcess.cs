using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TutorialSite.BrowserTests;

/// <summary>
/// The published site, started for real: <c>dotnet TutorialSite.Web.dll</c> in Production on a free
/// 127.0.0.1 port, with the repository's sample content and a SQLite file of its own.
/// </summary>
public sealed class SiteProcess : IAsyncDisposable
{
    private readonly StringBuilder log = new();
    private Process? process;

    /// <param name="contentPath">The content folder to serve; the repository's sample content by default.</param>
    public SiteProcess(string dataDirectory, string? contentPath = null)
    {
        DatabaseFile = Path.Combine(dataDirectory, "progress.db");
        ContentPath = contentPath ?? RepoPaths.Content;
        Port = FreePort();
    }

    public string ContentPath { get; }

    /// <summary>Kept across <see cref="StopAsync"/>/<see cref="StartAsync"/>: a restart, not a new site.</summary>
    public int Port { get; }

    public string DatabaseFile { get; }

    public Uri BaseUrl => new($"http://127.0.0.1:{Port}");

    public string Log
    {
        get
        {
            lock (log)
            {
                return log.ToString();
            }
        }
    }

    public async Task StartAsync()
    {
        var app = Path.Combine(AppContext.BaseDirectory, "site", "TutorialSite.Web.dll");
        if (!File.Exists(app))
        {
            throw new InvalidOperationException($"The published site is missing at {app}: build the test project, which publishes it.");
        }
        var start = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { app },
            WorkingDirectory = Path.GetDirectoryName(app)!,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        start.Environment["ASPNETCORE_URLS"] = BaseUrl.ToString();
        start.Environment["Content__Path"] = ContentPath;
        start.Environment["ConnectionStrings__Progress"] = $"Data Source={DatabaseFile}";
        start.Environment["DOTNET_NOLOGO"] = "1";

        process = Process.Start(start) ?? throw new InvalidOperationException("dotnet did not start.");
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await WaitUntilReadyAsync(process);
    }

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

    public async ValueTask DisposeAsync() => await StopAsync();

    private async Task WaitUntilReadyAsync(Process started)
    {
        using var http = new HttpClient { BaseAddress = BaseUrl, Timeout = TimeSpan.FromSeconds(5) };
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (started.HasExited)
            {
                throw new InvalidOperationException($"The site exited with code {started.ExitCode} while starting:\n{Log}");
            }
            try
            {
                using var response = await http.GetAsync("/");
                if (response.StatusCode == HttpStatusCode.OK)
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"The site did not answer on {BaseUrl} within 60 s:\n{Log}");
    }

    private void Append(string? line)
    {
        if (line is null)
        {
            return;
        }
        lock (log)
        {
            log.AppendLine(line);
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
