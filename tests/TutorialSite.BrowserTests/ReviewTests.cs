using System.Globalization;
using Microsoft.Data.Sqlite;

namespace TutorialSite.BrowserTests;

/// <summary>
/// /review in Chromium: due takeaways answered with the site's script (in place, focus moving on) and without it
/// (plain forms). The site runs on the real clock, so a learner's ticks are made four days old in its database.
/// </summary>
public sealed class ReviewTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    [Fact]
    public async Task Review_WithJavaScript_StillTrueAnswersInPlace_NotAnymoreGoesToTheItemUnticked_AndAxeFindsNothing()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        foreach (var key in new[] { "git-init", "gitignore", "two-commits" })
        {
            await page.TickAsync(key);
        }
        await MakeTicksOldAsync(page.Context);

        await page.GotoAsync(SitePages.Home);
        await Expect(page.Locator(".review-due a")).ToHaveTextAsync("2 takeaways to review");
        await page.Locator(".review-due a").ClickAsync();
        await Expect(page).ToHaveURLAsync(new Uri(Site.Address, "/review").ToString());
        // Takeaways only: the practice task is never reviewed.
        await Expect(page.Locator(".review-item")).ToHaveCountAsync(2);
        foreach (var scheme in new[] { ColorScheme.Light, ColorScheme.Dark })
        {
            await page.EmulateMediaAsync(new() { ColorScheme = scheme });
            Assert.Empty(await Axe.ViolationsAsync(page, $"review ({scheme})"));
        }
        await page.EvaluateAsync("() => window.sameDocument = true");

        var first = page.Locator(".review-item").First;
        await first.GetByRole(AriaRole.Button, new() { Name = "Still true" }).ClickAsync();

        await Expect(first.Locator("[data-review-status]")).ToHaveTextAsync("Still true: it comes back in 7 days.");
        await Expect(page.Locator("[data-review-count]")).ToHaveTextAsync("1 takeaway to review.");
        await Expect(page.Locator(".review-item").Nth(1).GetByRole(AriaRole.Button, new() { Name = "Still true" })).ToBeFocusedAsync();
        Assert.True(await page.EvaluateAsync<bool>("() => window.sameDocument === true"));
        Assert.Empty(await Axe.ViolationsAsync(page, "review after an answer"));

        await page.Keyboard.PressAsync("Tab");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(new Uri(Site.Address, SitePages.Tutorial + "#item-gitignore").ToString());
        await Expect(page.Locator("#tick-gitignore")).Not.ToBeCheckedAsync();
        await Expect(page.Locator("#tick-git-init")).ToBeCheckedAsync();
        await page.GotoAsync("/review");
        await Expect(page.Locator(".review-empty")).ToContainTextAsync("Your next review falls due in 7 days.");
    }

    [Fact]
    public async Task Review_WithoutJavaScript_AnswersWithPlainForms()
    {
        // Ticks are made with the script here (the form path is TickTests'); the learner's cookie moves on.
        var ticking = await OpenAsync(SitePages.Tutorial);
        await ticking.TickAsync("read-status");
        await MakeTicksOldAsync(ticking.Context);
        var page = await OpenWithoutScriptAsync(ticking, "/progress");
        await Expect(page.Locator(".review-due a")).ToHaveTextAsync("1 takeaway to review");
        // No axe here: axe is a script, and a context without JavaScript never runs it (the call would wait
        // forever). The page with the script is audited above, in both themes.
        await page.GotoAsync("/review");

        await page.GetByRole(AriaRole.Button, new() { Name = "Still true" }).ClickAsync();

        await Expect(page).ToHaveURLAsync(new Uri(Site.Address, "/review").ToString());
        await Expect(page.Locator(".review-empty")).ToContainTextAsync("Your next review falls due in 7 days.");
    }

    /// <summary>Moves this learner's ticks four days back: due for their first review.</summary>
    private async Task MakeTicksOldAsync(IBrowserContext context)
    {
        var learner = (await context.CookiesAsync()).Single(c => c.Name == "learner").Value;
        await using var connection = new SqliteConnection($"Data Source={Site.DatabaseFile};Pooling=False");
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """UPDATE "Ticks" SET "TickedAt" = $old WHERE "LearnerId" = $learner""";
        command.Parameters.AddWithValue("$old", DateTime.UtcNow.AddDays(-4).ToString("yyyy-MM-dd HH:mm:ss.FFFFFFF", CultureInfo.InvariantCulture));
        command.Parameters.AddWithValue("$learner", learner);
        Assert.True(await command.ExecuteNonQueryAsync() > 0);
    }
}
