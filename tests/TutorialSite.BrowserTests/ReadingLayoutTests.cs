using System.Text.RegularExpressions;

namespace TutorialSite.BrowserTests;

/// <summary>
/// The reading experience, measured in a real browser: the one-row header, the course outline and the page's
/// contents, where the text starts on a phone, how long its lines are, the contrast callout and 404's ways on.
/// </summary>
public sealed class ReadingLayoutTests(SiteFixture fixture) : OnSharedSite(fixture)
{
    /// <summary>The first line's length in characters: counted where the line breaks, not estimated from widths.</summary>
    private const string FirstLineLength = """
        p => {
          const walker = document.createTreeWalker(p, NodeFilter.SHOW_TEXT);
          const range = document.createRange();
          let top = null, count = 0;
          for (let node = walker.nextNode(); node; node = walker.nextNode()) {
            for (let i = 0; i < node.length; i++) {
              range.setStart(node, i); range.setEnd(node, i + 1);
              const rect = range.getClientRects()[0];
              if (!rect) continue;
              if (top === null) top = rect.top;
              if (rect.top > top + 4) return count;
              count++;
            }
          }
          return count;
        }
        """;

    /// <summary>Each link's box, relative to the first: the column itself may stick at another height.</summary>
    private const string Boxes = """
        links => links.map(a => {
          const r = a.getBoundingClientRect(), first = links[0].getBoundingClientRect();
          return [r.left - first.left, r.top - first.top, r.width, r.height].join(',');
        })
        """;

    [Theory]
    [InlineData(375)]
    [InlineData(768)]
    [InlineData(1366)]
    [InlineData(1920)]
    public async Task Header_IsOneRowOf64PxAtMost_AndStaysReachableWhileScrolling(int width)
    {
        var page = await OpenAsync(SitePages.Tutorial, width, 812);
        var header = page.Locator(".site-header");

        Assert.True((await header.BoundingBoxAsync())!.Height <= 64, $"header at {width} px is {(await header.BoundingBoxAsync())!.Height} px high");
        await page.Locator("#key-takeaways").ScrollIntoViewIfNeededAsync();
        await page.WaitForFunctionAsync("() => window.scrollY > 1000");
        var box = (await header.BoundingBoxAsync())!;
        Assert.Equal(0, box.Y);
        await Expect(page.Locator(".brand")).ToBeInViewportAsync();
        await Expect(page.Locator("#theme")).ToBeInViewportAsync();
        await Expect(page.Locator(width < 768 ? ".site-menu summary" : ".header-search input")).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Phone_FirstParagraphStartsInTheFirstScreen()
    {
        var page = await OpenAsync(SitePages.Tutorial, 375, 812);

        var top = await page.Locator(".tutorial-body > p").First.EvaluateAsync<double>("p => p.getBoundingClientRect().top + window.scrollY");

        Assert.True(top < 812 - 60, $"the first paragraph starts at y = {top}");
    }

    [Theory]
    [InlineData(375, 0)]
    [InlineData(768, 0)]
    [InlineData(1366, 60)]
    [InlineData(1920, 60)]
    public async Task BodyText_LinesHoldAtMost75Characters_AndAtLeast60OnWideScreens(int width, int atLeast)
    {
        var page = await OpenAsync(SitePages.Tutorial, width, 900);

        // The paragraphs long enough to fill a first line.
        var lengths = await page.Locator(".tutorial-body > p").EvaluateAllAsync<int[]>(
            $"ps => ps.filter(p => p.textContent.length > 200).map({FirstLineLength})");

        Assert.NotEmpty(lengths);
        Assert.All(lengths, length => Assert.InRange(length, atLeast, 75));
    }

    [Fact]
    public async Task Outline_ListsTheCourse_MarksThisTutorialAndEachOnesProgress()
    {
        var page = await OpenAsync(SitePages.Tutorial, 1366, 900);
        var outline = page.GetByRole(AriaRole.Navigation, new() { Name = "Course outline" });

        await Expect(outline).ToBeVisibleAsync();
        await Expect(outline.GetByRole(AriaRole.Link)).ToHaveCountAsync(5); // the course and its four tutorials
        var current = outline.Locator("[aria-current=page]");
        await Expect(current).ToHaveCountAsync(1);
        await Expect(current).ToHaveAttributeAsync("href", SitePages.Tutorial);
        await Expect(current.Locator(".outline-mark")).ToHaveTextAsync("0 of /8 done");

        await page.Locator("#tick-git-init").CheckAsync();
        await Expect(current.Locator(".outline-mark")).ToHaveTextAsync("1 of /8 done"); // follows the save
        await page.ReloadAsync();
        await Expect(current.Locator(".outline-mark")).ToHaveTextAsync("1 of /8 done"); // and the server agrees

        // Sticky: still on screen beside the text far down the page.
        await page.Locator("#faq").ScrollIntoViewIfNeededAsync();
        await Expect(current).ToBeInViewportAsync();
    }

    [Fact]
    public async Task Phone_OutlineAndContentsAreCollapsed_AndOpenByTouch()
    {
        var page = await OpenAsync(SitePages.Tutorial, 375, 812);
        var outline = page.GetByRole(AriaRole.Navigation, new() { Name = "Course outline" });

        await Expect(outline).ToBeHiddenAsync();
        await Expect(page.Locator(".toc-list")).ToBeHiddenAsync();
        await page.Locator(".course-outline > summary").TapAsync();
        await Expect(outline).ToBeVisibleAsync();
        await outline.GetByRole(AriaRole.Link, new() { Name = "Staging and Commits" }).TapAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "git/staging-and-commits");

        await page.Locator(".toc > summary").TapAsync();
        await Expect(page.Locator(".toc-list")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task Contents_MarkTheSectionInView_WithoutMovingAnything()
    {
        var page = await OpenAsync(SitePages.Tutorial, 1366, 900);
        var contents = page.Locator(".toc-list");
        await Expect(contents.Locator("[aria-current=true]")).ToHaveCountAsync(1);
        var before = await contents.Locator("a").EvaluateAllAsync<string[]>(Boxes);

        await page.EvaluateAsync("() => document.getElementById('key-takeaways').scrollIntoView({ behavior: 'instant' })");

        await Expect(contents.Locator("[aria-current=true]")).ToHaveAttributeAsync("href", "#key-takeaways");
        await Expect(contents.Locator("[aria-current=true]")).ToHaveCountAsync(1);
        var after = await contents.Locator("a").EvaluateAllAsync<string[]>(Boxes);
        Assert.Equal(before, after); // the same boxes in the (sticky) column: only a colour changed
    }

    [Fact]
    public async Task CodeBlocks_HaveAHeaderBarWithTheLanguage_AndTheCopyButtonIsClearOfTheCode()
    {
        var page = await OpenAsync(SitePages.Tutorial, 375, 812);
        var block = page.Locator(".code-block").First;

        await Expect(block.Locator(".code-header .code-lang")).ToHaveTextAsync("Shell");
        var button = (await block.GetByRole(AriaRole.Button, new() { Name = "Copy code" }).BoundingBoxAsync())!;
        var code = (await block.Locator("pre").BoundingBoxAsync())!;
        Assert.True(button.Y + button.Height <= code.Y, $"the button (bottom {button.Y + button.Height}) overlaps the code (top {code.Y})");
    }

    [Fact]
    public async Task SaveFeedback_IsTransient_AndTheStatusRegionStays()
    {
        var page = await OpenAsync(SitePages.Tutorial, 1366, 900);

        await page.TickAsync("git-init");

        await Expect(page.TickStatus("git-init")).ToHaveTextAsync("", new() { Timeout = 6_000 });
        await Expect(page.TickStatus("git-init")).ToHaveAttributeAsync("role", "status");
        await Expect(page.Locator("#tick-git-init")).ToBeCheckedAsync();
        // A ticked item looks done.
        Assert.Equal("\"Done\"", await page.Locator("#item-git-init .tick-label").EvaluateAsync<string>("e => getComputedStyle(e, '::after').content"));
    }

    [Fact]
    public async Task CompletionPanel_AppearsWhenEverythingIsTicked_WithAndWithoutJavaScript()
    {
        var page = await OpenAsync(SitePages.Tutorial, 1366, 900);
        var panel = page.Locator("#completion");
        await Expect(panel).ToBeHiddenAsync();

        var boxes = await page.Locator("form[data-tick-form] input[type=checkbox]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.id)");
        foreach (var id in boxes)
        {
            await page.Locator($"#{id}").CheckAsync();
        }
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "Staging and Commits" })).ToHaveAttributeAsync("href", "/git/staging-and-commits");
        await Expect(page.Locator(".outline-list [aria-current=page] .outline-mark")).ToHaveTextAsync("complete");

        // The same learner without JavaScript: the server shows the panel; unticking one hides it again.
        var plain = await OpenWithoutScriptAsync(page, SitePages.Tutorial);
        await Expect(plain.Locator("#completion")).ToBeVisibleAsync();
        await plain.Locator($"#{boxes[0]}").UncheckAsync();
        await plain.Locator($"#{boxes[0]}").Locator("xpath=..").GetByRole(AriaRole.Button, new() { Name = "Save" }).ClickAsync();
        await Expect(plain.Locator($"#{boxes[0]}")).Not.ToBeCheckedAsync();
        await Expect(plain.Locator("#completion")).ToBeHiddenAsync();
    }

    [Fact]
    public async Task LastTutorial_Complete_SaysTheCourseIsDone_AndWhereToGoNext()
    {
        var page = await OpenAsync("/git/working-with-remotes", 1366, 900);
        foreach (var id in await page.Locator("form[data-tick-form] input[type=checkbox]").EvaluateAllAsync<string[]>("boxes => boxes.map(b => b.id)"))
        {
            await page.Locator($"#{id}").CheckAsync();
        }

        var panel = page.Locator("#completion");
        await Expect(panel).ToBeVisibleAsync();
        await Expect(panel.GetByRole(AriaRole.Heading)).ToHaveTextAsync("You finished Git");
        await Expect(panel.GetByRole(AriaRole.Link, new() { Name = "Choose another course" })).ToHaveAttributeAsync("href", "/courses");
    }

    [Theory]
    [InlineData(1366, true)]
    [InlineData(375, false)]
    public async Task ContrastCallout_ShowsTwoLabelledSides_SideBySideOnlyWhenThereIsRoom(int width, bool sideBySide)
    {
        var page = await OpenAsync("/docker/images-vs-containers", width, 900);
        var sides = page.Locator(".callout-contrast .contrast-side");

        await Expect(sides).ToHaveCountAsync(2);
        await Expect(sides.Nth(0).Locator(".contrast-label")).ToHaveTextAsync("Image");
        await Expect(sides.Nth(1).Locator(".contrast-label")).ToHaveTextAsync("Container");
        var (first, second) = ((await sides.Nth(0).BoundingBoxAsync())!, (await sides.Nth(1).BoundingBoxAsync())!);
        Assert.Equal(sideBySide, Math.Abs(first.Y - second.Y) < 1);
    }

    [Fact]
    public async Task NotFound_UnderACourse_OffersSearchTheCourseAndAllCourses()
    {
        var page = await (await NewLearnerAsync(375, 812)).NewPageAsync();
        var response = await page.GotoAsync(SitePages.NotFound);

        Assert.Equal(404, response!.Status);
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "Go to the Git course" })).ToHaveAttributeAsync("href", "/git");
        await Expect(page.GetByRole(AriaRole.Link, new() { Name = "All courses" }).First).ToHaveAttributeAsync("href", "/courses");
        await page.GetByLabel("Search the tutorials").FillAsync("commit");
        await page.GetByLabel("Search the tutorials").PressAsync("Enter");
        await Expect(page).ToHaveURLAsync(new Regex("/search\\?q=commit$"));
    }

    [Fact]
    public async Task Tags_AreShownOnTutorials_AndTheTagsPageIsReachableFromEveryPage()
    {
        var page = await OpenAsync(SitePages.Tutorial, 1366, 900);

        await page.Locator(".tutorial-meta").GetByRole(AriaRole.Link, new() { Name = "#git" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "tags/git");
        await page.GetByRole(AriaRole.Navigation, new() { Name = "Main" }).GetByRole(AriaRole.Link, new() { Name = "Topics" }).ClickAsync();
        await Expect(page).ToHaveURLAsync(Site.Address + "tags");
        await Expect(page.GetByRole(AriaRole.Contentinfo).GetByRole(AriaRole.Link, new() { Name = "Topics" })).ToHaveAttributeAsync("href", "/tags");
    }
}
