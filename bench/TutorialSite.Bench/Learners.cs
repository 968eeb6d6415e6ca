using System.Net.Http.Json;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Data.Sqlite;

namespace TutorialSite.Bench;

/// <summary>
/// Sets up many learners for wrk: each makes one real tick through the site (so the site issues their cookie and
/// knows them), and a Lua file gives wrk their cookies, the page's item keys and one antiforgery cookie/token
/// pair (tokens of anonymous users are not bound to the learner cookie).
/// </summary>
public static partial class Learners
{
    public static async Task<int> PrepareAsync(Uri site, string page, int count, string output)
    {
        using var http = new HttpClient(new SocketsHttpHandler { UseCookies = false, AllowAutoRedirect = false }) { BaseAddress = site };
        var html = await http.GetStringAsync(page);
        var keys = KeyPattern().Matches(html).Select(m => m.Groups[1].Value).Distinct().ToList();
        var (cookie, token) = await TokenAsync(http, page);

        var learners = new string[count];
        await Parallel.ForAsync(0, count, new ParallelOptions { MaxDegreeOfParallelism = 16 }, async (i, cancel) =>
        {
            string? learner = null;
            // The first learner (the reader of (b)) ticks three items (or all, on a page with fewer); the others untick one, which makes them
            // known to the site without storing a tick, so every tick in the database afterwards is wrk's.
            for (var k = 0; k < (i == 0 ? Math.Min(3, keys.Count) : 1); k++)
            {
                using var request = new HttpRequestMessage(HttpMethod.Post, page + "?handler=Tick")
                {
                    Content = new FormUrlEncodedContent([new("__RequestVerificationToken", token), new("key", keys[k]), new("done", i == 0 ? "true" : "false")]),
                };
                request.Headers.Add("Cookie", cookie + (learner is null ? "" : $"; learner={learner}"));
                request.Headers.Accept.ParseAdd("application/json");
                using var response = await http.SendAsync(request, cancel);
                response.EnsureSuccessStatusCode();
                learner ??= response.Headers.GetValues("Set-Cookie").Select(c => LearnerPattern().Match(c)).First(m => m.Success).Groups[1].Value;
            }
            learners[i] = learner!;
        });

        var lua = new StringBuilder();
        lua.AppendLine("-- written by TutorialSite.Bench learners; read by bench/toggle.lua and bench/learner.lua");
        lua.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"page = \"{page}\"");
        lua.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"antiforgery_cookie = \"{cookie}\"");
        lua.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"token = \"{token}\"");
        lua.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"keys = {{{string.Join(", ", keys.Select(k => $"\"{k}\""))}}}");
        lua.AppendLine(System.Globalization.CultureInfo.InvariantCulture, $"learners = {{{string.Join(", ", learners.Select(l => $"\"{l}\""))}}}");
        await File.WriteAllTextAsync(output, lua.ToString());
        Console.WriteLine($"{count} learners, {keys.Count} items on {page}");
        return 0;
    }

    /// <summary>An antiforgery cookie and a token for it, the way the site's script gets them.</summary>
    private static async Task<(string Cookie, string Token)> TokenAsync(HttpClient http, string page)
    {
        using var response = await http.GetAsync(page + "?handler=Token");
        if (response.IsSuccessStatusCode)
        {
            var body = await response.Content.ReadFromJsonAsync<TokenResponse>();
            return (AntiforgeryCookie(response), body!.Token);
        }
        // Sites from before the token endpoint put a token in every page's forms.
        using var pageResponse = await http.GetAsync(page);
        var html = await pageResponse.Content.ReadAsStringAsync();
        return (AntiforgeryCookie(pageResponse), TokenPattern().Match(html).Groups[1].Value);
    }

    private static string AntiforgeryCookie(HttpResponseMessage response) =>
        response.Headers.GetValues("Set-Cookie").First(c => c.StartsWith("antiforgery=", StringComparison.Ordinal)).Split(';')[0];

    private sealed record TokenResponse(string Token);

    /// <summary>Ticks stored in the site's database: after the run, compared with the ticks wrk saw acknowledged.</summary>
    public static int CountTicks(string database)
    {
        using var connection = new SqliteConnection($"Data Source={database};Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT COUNT(*) FROM \"Ticks\"";
        Console.WriteLine(command.ExecuteScalar());
        return 0;
    }

    [GeneratedRegex("name=\"key\" value=\"([^\"]+)\"")]
    private static partial Regex KeyPattern();

    [GeneratedRegex("name=\"__RequestVerificationToken\" type=\"hidden\" value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    [GeneratedRegex("^learner=([^;]+)")]
    private static partial Regex LearnerPattern();
}
