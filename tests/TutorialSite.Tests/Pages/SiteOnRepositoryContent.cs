namespace TutorialSite.Tests.Pages;

/// <summary>
/// A test class whose tests each get the real app on the repository's own content (<see cref="RepoPaths.Content"/>,
/// read, never written: a test that changes content uses <see cref="SiteOnSampleContent"/>) and a fresh database,
/// started on its first request and removed after the test.
/// </summary>
/// <param name="environment">Drafts and error details depend on it; most page tests want what learners get.</param>
public abstract class SiteOnRepositoryContent(string environment = "Production") : IDisposable
{
    protected TutorialSiteFactory Site => site ??= new TutorialSiteFactory(RepoPaths.Content, environment: environment);

    private TutorialSiteFactory? site;

    public void Dispose()
    {
        site?.Dispose();
        GC.SuppressFinalize(this);
    }
}
