namespace TutorialSite.BrowserTests;

/// <summary>
/// A test class on the shared site and browser (<see cref="SiteFixture"/>, one for the whole run; the collection is
/// inherited, so a derived class needs no attribute). Each test opens pages as new learners, each in a browser context
/// of its own (cookies, local storage), closed when the test ends, whether it passed or not.
/// </summary>
[Collection(SiteCollection.Name)]
public abstract class OnSharedSite(SiteFixture fixture) : IAsyncLifetime
{
    private readonly List<IBrowserContext> contexts = [];

    /// <summary>The site the collection runs: its address, its database, stopped and started again by a test that needs it.</summary>
    protected SiteProcess Site => fixture.Site;

    /// <summary>A new learner's browser window of the given kind; <paramref name="prepare"/> sets it up (routes, scripts, permissions) before any page opens.</summary>
    protected async Task<IBrowserContext> NewLearnerAsync(Device device = Device.Desktop, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true,
        Func<IBrowserContext, Task>? prepare = null) =>
        await Prepared(await fixture.NewContextAsync(device, colorScheme, javaScript), prepare);

    /// <summary>A new learner's window <paramref name="width"/> × <paramref name="height"/> px: a touch screen below 768 px.</summary>
    protected async Task<IBrowserContext> NewLearnerAsync(int width, int height, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true) =>
        await Prepared(await fixture.NewContextAsync(new ViewportSize { Width = width, Height = height }, colorScheme, javaScript), null);

    /// <summary>A new learner's page at <paramref name="path"/> (see <see cref="NewLearnerAsync(Device, ColorScheme, bool, Func{IBrowserContext, Task}?)"/>).</summary>
    protected async Task<IPage> OpenAsync(string path, Device device = Device.Desktop, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true,
        Func<IBrowserContext, Task>? prepare = null) =>
        await GotoAsync(await NewLearnerAsync(device, colorScheme, javaScript, prepare), path);

    /// <summary>A new learner's page at <paramref name="path"/> in a window <paramref name="width"/> × <paramref name="height"/> px.</summary>
    protected async Task<IPage> OpenAsync(string path, int width, int height, ColorScheme colorScheme = ColorScheme.Light, bool javaScript = true) =>
        await GotoAsync(await NewLearnerAsync(width, height, colorScheme, javaScript), path);

    /// <summary>The learner of <paramref name="page"/> in another window without the site's script (their cookies copied), at <paramref name="path"/>.</summary>
    protected async Task<IPage> OpenWithoutScriptAsync(IPage page, string path)
    {
        var cookies = (await page.Context.CookiesAsync()).Select(c => new Cookie
        {
            Name = c.Name, Value = c.Value, Domain = c.Domain, Path = c.Path, HttpOnly = c.HttpOnly, Secure = c.Secure, SameSite = c.SameSite,
        });
        return await OpenAsync(path, javaScript: false, prepare: context => context.AddCookiesAsync(cookies));
    }

    public Task InitializeAsync() => Task.CompletedTask;

    public async Task DisposeAsync()
    {
        foreach (var context in contexts)
        {
            await context.CloseAsync();
        }
    }

    private async Task<IBrowserContext> Prepared(IBrowserContext context, Func<IBrowserContext, Task>? prepare)
    {
        contexts.Add(context);
        if (prepare is not null)
        {
            await prepare(context);
        }
        return context;
    }

    private static async Task<IPage> GotoAsync(IBrowserContext context, string path)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(path);
        return page;
    }
}
