namespace TutorialSite.BrowserTests;

/// <summary>What a learner does on the site's pages, and where the pages answer: ticks, their saved states, the keyboard.</summary>
public static class LearnerPage
{
    /// <summary>The status region beside a checklist item: "Saved: ticked", "Not saved…", or nothing.</summary>
    public static ILocator TickStatus(this IPage page, string key) => page.Locator($"#item-{key} [data-tick-status]");

    /// <summary>The tutorial's "n of m checked off".</summary>
    public static ILocator ProgressText(this IPage page) => page.Locator("[data-progress-text]");

    /// <summary>Ticks the item with the site's script and waits until the page says it is saved.</summary>
    public static async Task TickAsync(this IPage page, string key)
    {
        await page.Locator($"#tick-{key}").CheckAsync();
        await Expect(page.TickStatus(key)).ToHaveTextAsync("Saved: ticked");
    }

    /// <summary>Presses Tab until the element matching <paramref name="selector"/> has the focus.</summary>
    public static async Task TabToAsync(this IPage page, string selector)
    {
        for (var i = 0; i < 300; i++)
        {
            await page.Keyboard.PressAsync("Tab");
            if (await page.EvaluateAsync<bool>("s => document.activeElement?.matches(s) === true", selector))
            {
                return;
            }
        }
        Assert.Fail($"Tab never reached {selector}.");
    }

    /// <summary>A computed style of the first element <paramref name="locator"/> finds, as the browser resolved it.</summary>
    public static Task<string> StyleAsync(this ILocator locator, string property, string? pseudoElement = null) =>
        locator.EvaluateAsync<string>($"(e, p) => getComputedStyle(e, {(pseudoElement is null ? "null" : $"'{pseudoElement}'")})[p]", property);
}
