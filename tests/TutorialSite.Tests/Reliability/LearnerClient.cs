using System.Net;
using System.Text.RegularExpressions;

namespace TutorialSite.Tests.Reliability;

/// <summary>One learner's browser against a real site: its own cookies, the page's token, JSON ticks.</summary>
public sealed partial class LearnerClient(Uri address) : IDisposable
{
    public const string Page = "docker/images-vs-containers";

    private readonly CookieContainer cookies = new();
    private HttpClient client = null!;
    private string token = "";

    public Uri Address { get; private set; } = address;

    /// <summary>The items of <see cref="Page"/> the database holds ticked for <paramref name="learner"/>.</summary>
    public static HashSet<string> TickedIn(TestDatabase database, string learner) =>
        [.. database.Column("""SELECT "ItemKey" FROM "Ticks" WHERE "LearnerId" = @learner AND "TutorialSlug" = 'images-vs-containers'""", ("@learner", learner))];

    /// <summary>The learner id the site gave this browser, once it has ticked.</summary>
    public string? LearnerId => cookies.GetCookies(Address)["learner"]?.Value;

    /// <summary>Loads the tutorial (for its antiforgery token), against a site that may have been restarted elsewhere.</summary>
    public async Task OpenAsync(Uri? address = null)
    {
        Address = address ?? Address;
        client?.Dispose();
        client = new HttpClient(new HttpClientHandler { CookieContainer = cookies, AllowAutoRedirect = false })
        {
            BaseAddress = Address,
            Timeout = TimeSpan.FromSeconds(30),
        };
        // Cookies are per host and port: carry them to the restarted site's new port.
        foreach (Cookie cookie in cookies.GetAllCookies())
        {
            cookies.Add(Address, new Cookie(cookie.Name, cookie.Value, "/"));
        }
        var html = await client.GetStringAsync(Page);
        // A learner's page carries tokens; a shared page does not, and the script fetches one, as here.
        token = TokenPattern().Match(html) is { Success: true } match ? match.Groups[1].Value : await FetchTokenAsync();
        Assert.NotEmpty(token);
    }

    /// <summary>True when the site answered that the tick was saved; false on any other status.</summary>
    public async Task<HttpStatusCode> SetAsync(string key, bool done)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, Page + "?handler=Tick")
        {
            Content = new FormUrlEncodedContent(new Dictionary<string, string>
            {
                ["__RequestVerificationToken"] = token,
                ["key"] = key,
                ["done"] = done ? "true" : "false",
            }),
        };
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        return response.StatusCode;
    }

    private async Task<string> FetchTokenAsync()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, Page + "?handler=Token");
        request.Headers.Accept.ParseAdd("application/json");
        using var response = await client.SendAsync(request);
        using var json = System.Text.Json.JsonDocument.Parse(await response.Content.ReadAsStringAsync());
        return json.RootElement.GetProperty("token").GetString()!;
    }

    public void Dispose() => client?.Dispose();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();
}
