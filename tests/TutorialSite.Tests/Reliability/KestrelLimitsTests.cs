using System.Net;
using System.Net.Sockets;
using System.Text;

namespace TutorialSite.Tests.Reliability;

/// <summary>What only the real server shows: its banner, body and URL limits, NUL bytes, and a clean SIGTERM.</summary>
public sealed class KestrelLimitsTests : IAsyncLifetime
{
    private readonly string database = Path.Combine(Path.GetTempPath(), "tutorialsite-tests", Guid.NewGuid().ToString("N"), "progress.db");
    private SiteProcess site = null!;

    public async Task InitializeAsync()
    {
        Directory.CreateDirectory(Path.GetDirectoryName(database)!);
        site = await SiteProcess.StartAsync(database);
    }

    public async Task DisposeAsync() => await site.DisposeAsync();

    [Fact]
    public async Task Responses_HaveNoServerBanner()
    {
        using var client = new HttpClient { BaseAddress = site.Address };

        using var response = await client.GetAsync("/");

        Assert.False(response.Headers.Contains("Server"));
        Assert.False(response.Headers.Contains("X-Powered-By"));
    }

    [Fact]
    public async Task OversizedBody_Gets413()
    {
        using var client = new HttpClient { BaseAddress = site.Address };

        using var response = await client.PostAsync(LearnerClient.Page + "?handler=Tick",
            new FormUrlEncodedContent(new Dictionary<string, string> { ["key"] = new string('x', 200_000) }));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    [Theory]
    [InlineData("GET /docker/images%00 HTTP/1.1")]
    [InlineData("GET /%00 HTTP/1.1")]
    [InlineData("GET /docker/..%2f..%2f..%2fetc%2fpasswd HTTP/1.1")]
    [InlineData("GET /../../../etc/passwd HTTP/1.1")]
    public async Task RawOddRequests_Get4xx(string requestLine)
    {
        Assert.InRange(await RawStatusAsync(requestLine), 400, 499);
    }

    [Fact]
    public async Task VeryLongUrl_Gets4xx()
    {
        Assert.InRange(await RawStatusAsync($"GET /{new string('a', 40_000)} HTTP/1.1"), 400, 499);
    }

    [Fact]
    public async Task Sigterm_FinishesAndExitsZero()
    {
        var exit = await site.TerminateAsync(TimeSpan.FromSeconds(30));

        Assert.Equal(0, exit);
    }

    /// <summary>Sends a request line byte for byte, past any client library's own cleaning.</summary>
    private async Task<int> RawStatusAsync(string requestLine)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync(site.Address.Host, site.Address.Port);
        var stream = tcp.GetStream();
        await stream.WriteAsync(Encoding.ASCII.GetBytes($"{requestLine}\r\nHost: {site.Address.Authority}\r\nConnection: close\r\n\r\n"));
        using var reader = new StreamReader(stream, Encoding.ASCII);
        var status = await reader.ReadLineAsync() ?? "";
        return int.Parse(status.Split(' ')[1], System.Globalization.CultureInfo.InvariantCulture);
    }
}
