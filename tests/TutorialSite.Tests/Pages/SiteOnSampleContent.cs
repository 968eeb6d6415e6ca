namespace TutorialSite.Tests.Pages;

/// <summary>
/// A test class whose tests each get a site of their own: the small sample content (<see cref="TempContent.Sample"/>)
/// in a throw-away folder, which a test may add to, and the real app on a fresh database (<see cref="TutorialSiteFactory"/>),
/// started on its first request and removed with the folder after the test. <see cref="Site"/> is made only when a test
/// uses it: a test that loads the content itself, or makes apps of its own on it (two on one database, settings of its
/// own: <see cref="SiteWith(string, string?)"/>), takes just <see cref="Content"/>.
/// </summary>
/// <param name="environment">Drafts and error details depend on it; most page tests want what learners get.</param>
public abstract class SiteOnSampleContent(string environment = "Development") : IDisposable
{
    /// <summary>The sample's tutorial with every kind of section and checklist item.</summary>
    protected const string Page = "/docker/images";

    protected TempContent Content { get; } = TempContent.Sample();

    protected TutorialSiteFactory Site => site ??= new TutorialSiteFactory(Content.Root, environment: environment, clock: Clock);

    /// <summary>The clock <see cref="Site"/> runs on: the real one unless the class moves one of its own (FakeTimeProvider).</summary>
    protected virtual TimeProvider? Clock => null;

    private TutorialSiteFactory? site;

    /// <summary>Loads <see cref="Content"/> as the site does, without a site: for tests of the loader and what it builds.</summary>
    protected ContentSnapshot LoadContent(bool includeDrafts = false, ContentSnapshot? previous = null) =>
        ContentLoader.Load(Content.Root, includeDrafts, previous);

    /// <summary>Another app on <see cref="Content"/> and a fresh database, with settings as an operator would set them; the test disposes it.</summary>
    protected TutorialSiteFactory SiteWith(IReadOnlyDictionary<string, string?> settings) =>
        new(Content.Root, environment: environment, settings: settings, clock: Clock);

    /// <inheritdoc cref="SiteWith(IReadOnlyDictionary{string, string?})"/>
    protected TutorialSiteFactory SiteWith(string key, string? value) => SiteWith(new Dictionary<string, string?> { [key] = value });

    public void Dispose()
    {
        site?.Dispose();
        Content.Dispose();
        GC.SuppressFinalize(this);
    }
}
