namespace TutorialSite.BrowserTests;

/// <summary>
/// A catalogue of 120 courses served for real: the header's Courses menu stays within the screen and scrolls, and
/// /courses lists every course.
/// </summary>
public sealed class LargeCatalogueTests : OwnContentSite
{
    private const int Courses = 120;

    protected override void WriteContent()
    {
        for (var i = 1; i <= Courses; i++)
        {
            var course = Directory.CreateDirectory(Path.Combine(ContentFolder, $"course-{i:000}")).FullName;
            File.WriteAllText(Path.Combine(course, "_index.md"), $"---\ntitle: Course number {i}\ndescription: About course {i}.\norder: {i}\n---\n\nAn introduction.\n");
            File.WriteAllText(Path.Combine(course, "01-start.md"), "---\ntitle: Start\ndescription: The start.\n---\n\nA first lesson.\n\n## Key Takeaways\n\n- I can start. {#start}\n");
        }
    }

    [Fact]
    public async Task CoursesMenu_With120Courses_StaysOnScreenAndScrolls_AndCoursesListsThemAll()
    {
        await using var context = await Browser.NewContextAsync(new() { BaseURL = Site.Address.ToString(), ViewportSize = new() { Width = 1366, Height = 768 } });
        var page = await context.NewPageAsync();
        await page.GotoAsync("/");

        await page.Locator(".courses-menu summary").ClickAsync();
        var menu = page.Locator(".courses-menu .dropdown-menu");
        await Expect(menu).ToBeVisibleAsync();
        var box = (await menu.BoundingBoxAsync())!;
        Assert.True(box.Y + box.Height <= 768, $"the menu reaches y = {box.Y + box.Height}");
        await Expect(menu.Locator(".dropdown-item")).ToHaveCountAsync(Courses + 1);
        var last = menu.GetByRole(AriaRole.Link, new() { Name = $"Course number {Courses}" });
        await last.ScrollIntoViewIfNeededAsync();
        await Expect(last).ToBeInViewportAsync();
        await Expect(menu.GetByRole(AriaRole.Link, new() { Name = $"All courses ({Courses})" })).ToHaveAttributeAsync("href", "/courses");

        await page.GotoAsync("/courses");
        await Expect(page.Locator(".course-card")).ToHaveCountAsync(Courses);
        await Expect(page.GetByText($"{Courses} tutorials in {Courses} courses")).ToHaveCountAsync(0); // that is the home page's line
        await page.GotoAsync("/");
        await Expect(page.GetByText($"{Courses} tutorials in {Courses} courses")).ToBeVisibleAsync();
    }
}
