namespace TutorialSite.BrowserTests;

/// <summary>Everything a mouse does, done with the keyboard alone, with a focus ring one can see.</summary>
public sealed class KeyboardTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    private const string DescribeFocus = """
        () => {
          const e = document.activeElement;
          const s = getComputedStyle(e);
          return {
            key: e.id || e.getAttribute('href') || e.textContent.trim().slice(0, 60),
            isBody: e === document.body,
            outlineStyle: s.outlineStyle,
            outlineWidth: parseFloat(s.outlineWidth) || 0,
          };
        }
        """;

    [Fact]
    public async Task Tab_ReachesEveryCheckboxAndQuestion_AndEveryStopShowsAFocusRing()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        var wanted = await page.Locator("input[type=checkbox], details.faq-item > summary")
            .EvaluateAllAsync<string[]>("els => els.map(e => e.id || e.textContent.trim().slice(0, 60))");
        Assert.Equal(8 + 3, wanted.Length);

        var reached = new HashSet<string>();
        var withoutRing = new List<string>();
        for (var i = 0; i < 300 && !reached.IsSupersetOf(wanted); i++)
        {
            await page.Keyboard.PressAsync("Tab");
            var focus = await page.EvaluateAsync<Focus>(DescribeFocus);
            if (focus.IsBody)
            {
                continue;
            }
            reached.Add(focus.Key);
            if (focus.OutlineStyle == "none" || focus.OutlineWidth < 2)
            {
                withoutRing.Add($"{focus.Key} (outline {focus.OutlineStyle} {focus.OutlineWidth}px)");
            }
        }

        Assert.Empty(wanted.Except(reached));
        Assert.True(withoutRing.Count == 0, "No visible focus ring on: " + string.Join(", ", withoutRing));
    }

    [Fact]
    public async Task Space_TicksAndUnticksTheFocusedBox()
    {
        var page = await OpenAsync(SitePages.Tutorial);

        await TickWithSpaceAsync(page, "read-status");
        await Expect(page.Locator("#tick-read-status")).ToBeCheckedAsync();
        await Expect(page.Locator("#tick-read-status")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Space");
        await Expect(page.TickStatus("read-status")).ToHaveTextAsync("Saved: unticked");
        await Expect(page.Locator("#tick-read-status")).Not.ToBeCheckedAsync();
    }

    [Fact]
    public async Task EnterAndSpace_OpenAndCloseFaqAnswers()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        var questions = page.Locator("details.faq-item");
        var answer = questions.Nth(0).Locator(".faq-answer");

        await page.TabToAsync("details.faq-item > summary");
        await Expect(answer).Not.ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(questions.Nth(0)).ToHaveAttributeAsync("open", "");
        await Expect(answer).ToBeVisibleAsync();

        // The next question, past any link in the open answer.
        await page.TabToAsync("details.faq-item:not([open]) > summary");
        await Expect(questions.Nth(1).Locator("summary")).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Space");
        await Expect(questions.Nth(1).Locator(".faq-answer")).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");
        await Expect(questions.Nth(1).Locator(".faq-answer")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task SkipLink_IsTheFirstStop_AndMovesFocusToTheContent()
    {
        var page = await OpenAsync(SitePages.Tutorial);

        await page.Keyboard.PressAsync("Tab");
        var skip = page.GetByRole(AriaRole.Link, new() { Name = "Skip to content" });
        await Expect(skip).ToBeFocusedAsync();
        await Expect(skip).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.Locator("main")).ToBeFocusedAsync();
    }

    [Fact]
    public async Task CoursesMenu_OpensWithEnter_TabReachesTheCourses_EscapeClosesIt()
    {
        var page = await OpenAsync(SitePages.Home);
        var menu = page.Locator(".courses-menu .dropdown-menu");
        await page.TabToAsync(".courses-menu summary");

        await page.Keyboard.PressAsync("Enter");
        await Expect(menu).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Escape");
        await Expect(menu).Not.ToBeVisibleAsync();
        await Expect(page.Locator(".courses-menu summary")).ToBeFocusedAsync();

        await page.Keyboard.PressAsync("Space");
        await Expect(menu).ToBeVisibleAsync();
        await page.Keyboard.PressAsync("Tab");
        var first = menu.Locator(".dropdown-item").First;
        await Expect(first).ToBeFocusedAsync();
        var target = await first.GetAttributeAsync("href");
        await page.Keyboard.PressAsync("Enter");

        await Expect(page).ToHaveURLAsync(Site.Address + target!.TrimStart('/'));
    }

    [Fact]
    public async Task CoursesMenu_ClosesWhenTheFocusLeavesIt()
    {
        var page = await OpenAsync(SitePages.Home);
        await page.TabToAsync(".courses-menu summary");
        await page.Keyboard.PressAsync("Enter");
        var items = await page.Locator(".courses-menu .dropdown-item").CountAsync();

        for (var i = 0; i <= items; i++)
        {
            await page.Keyboard.PressAsync("Tab");
        }

        await Expect(page.Locator(".courses-menu + .nav-item .nav-link")).ToBeFocusedAsync();
        await Expect(page.Locator(".courses-menu .dropdown-menu")).Not.ToBeVisibleAsync();
    }

    [Fact]
    public async Task ResettingProgress_WorksFromTheKeyboard()
    {
        var page = await OpenAsync(SitePages.Tutorial);
        await TickWithSpaceAsync(page, "configure-identity");

        await page.GotoAsync(SitePages.Progress);
        await page.TabToAsync(".reset summary");
        await page.Keyboard.PressAsync("Enter");
        await page.Keyboard.PressAsync("Tab");
        await Expect(page.GetByRole(AriaRole.Button, new() { Name = "Yes, remove all my ticks" })).ToBeFocusedAsync();
        await page.Keyboard.PressAsync("Enter");

        await Expect(page.GetByText("Nothing ticked yet.")).ToBeVisibleAsync();
    }

    /// <summary>Tabs to the item's box and ticks it with Space; waits until the page says it is saved.</summary>
    private static async Task TickWithSpaceAsync(IPage page, string key)
    {
        await page.TabToAsync($"#tick-{key}");
        await page.Keyboard.PressAsync("Space");
        await Expect(page.TickStatus(key)).ToHaveTextAsync("Saved: ticked");
    }

    private sealed class Focus
    {
        public string Key { get; set; } = "";

        public bool IsBody { get; set; }

        public string OutlineStyle { get; set; } = "";

        public double OutlineWidth { get; set; }
    }
}
