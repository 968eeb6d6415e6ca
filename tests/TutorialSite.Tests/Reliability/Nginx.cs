using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace TutorialSite.Tests.Reliability;

/// <summary>
/// A real nginx (Debian's nginx-light) balancing round-robin over site processes, as docker/nginx.conf does in
/// the scaled-out deployment: private prefix, config and logs in a folder of the test's, listening on loopback.
/// Every response says which replica answered in <c>X-Upstream</c>, so tests can see the balancing.
/// </summary>
public sealed class Nginx : IAsyncDisposable
{
    private static readonly string[] Binaries = ["/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"];

    private readonly Process process;

    private Nginx(Process process, Uri address)
    {
        this.process = process;
        Address = address;
    }

    public Uri Address { get; }

    public static async Task<Nginx> StartAsync(string folder, IEnumerable<Uri> replicas)
    {
        var binary = Binaries.FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("nginx is not installed: tests/run.sh installs Debian's nginx-light.");
        Directory.CreateDirectory(Path.Combine(folder, "logs"));
        var port = FreePort();
        var servers = string.Concat(replicas.Select(r => $"    server {r.Host}:{r.Port} max_fails=1 fail_timeout=30s;\n"));
        var config = Path.Combine(folder, "nginx.conf");
        await File.WriteAllTextAsync(config, $$"""
            daemon off;
            worker_processes 1;
            pid {{folder}}/nginx.pid;
            error_log {{folder}}/logs/error.log warn;
            events { worker_connections 1024; }
            http {
              access_log off;
              client_body_temp_path {{folder}}/body;
              proxy_temp_path {{folder}}/proxy;
              fastcgi_temp_path {{folder}}/fastcgi;
              uwsgi_temp_path {{folder}}/uwsgi;
              scgi_temp_path {{folder}}/scgi;
              upstream site {
            {{servers}}    keepalive 16;
              }
              server {
                listen 127.0.0.1:{{port}};
                location / {
                  proxy_pass http://site;
                  proxy_http_version 1.1;
                  proxy_set_header Connection "";
                  proxy_set_header Host $http_host;
                  proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                  proxy_set_header X-Forwarded-Proto $scheme;
                  proxy_connect_timeout 2s;
                  proxy_next_upstream error timeout;
                  add_header X-Upstream $upstream_addr always;
                }
              }
            }
            """);
        var process = ToolProcess.Start(binary, ["-p", folder, "-c", config, "-e", Path.Combine(folder, "logs", "error.log")]);
        var nginx = new Nginx(process, new Uri($"http://127.0.0.1:{port}/"));
        using var probe = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            Assert.False(process.HasExited, $"nginx exited: {ErrorLog(folder)}");
            try
            {
                if ((await probe.GetAsync(nginx.Address)).IsSuccessStatusCode)
                {
                    return nginx;
                }
            }
            catch (Exception e) when (e is HttpRequestException or TaskCanceledException)
            {
            }
            Assert.True(DateTime.UtcNow < deadline, $"nginx did not answer within 30 s: {ErrorLog(folder)}");
            await Task.Delay(100);
        }
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

    private static string ErrorLog(string folder) =>
        File.Exists(Path.Combine(folder, "logs", "error.log")) ? File.ReadAllText(Path.Combine(folder, "logs", "error.log")) : "(no error log)";

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
