using Microsoft.Extensions.Options;

namespace TutorialSite.Web.Content;

/// <summary>
/// Holds the current <see cref="ContentSnapshot"/>, the one requests read. It loads nothing:
/// <see cref="ContentLoading"/> builds each snapshot and swaps it in whole.
/// </summary>
public sealed class ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment)
{
    private ContentSnapshot current = ContentSnapshot.Empty;

    /// <summary>The content folder; relative paths are resolved against the app's content root.</summary>
    public string Root { get; } = Path.GetFullPath(options.Value.Path, environment.ContentRootPath);

    /// <summary>Drafts are for editors previewing their work, never for learners.</summary>
    public bool IncludeDrafts { get; } = environment.IsDevelopment();

    /// <summary>The snapshot requests read; never null, never half-built (<see cref="ContentSnapshot.Empty"/> before the first load).</summary>
    public ContentSnapshot Current => Volatile.Read(ref current);

    /// <summary>Whether the first load has swapped its snapshot in.</summary>
    public bool IsLoaded => !ReferenceEquals(Current, ContentSnapshot.Empty);

    internal void Publish(ContentSnapshot snapshot) => Volatile.Write(ref current, snapshot);
}

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// The content feature: Markdown files loaded into an immutable, swappable snapshot. Its readiness check
    /// (<see cref="ContentHealthCheck"/>) is registered by the composition root with the others.
    /// </summary>
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<ContentOptions>().Bind(configuration.GetSection(ContentOptions.Section))
            .Validate(options => options.Path.Length > 0, "Content__Path: the content folder must be named.")
            .Validate(options => options.HighlightBeforeServing >= TimeSpan.Zero, "Content__HighlightBeforeServing: must not be negative.")
            .Validate(options => options.RenderAgainBatch > 0, "Content__RenderAgainBatch: must be at least 1.")
            .ValidateOnStart();
        // Site__*: read and checked once; a bad value stops the start instead of the first page.
        services.AddOptions<SiteOptions>().Configure<IConfiguration>(SiteOptions.Bind).ValidateOnStart();
        services.AddSingleton<ContentStore>();
        // Memory given back after a burst (a reload, a crawl through the page caches), once per burst.
        services.AddSingleton(_ => new MemoryReturn(TimeProvider.System, MemoryReturn.Now, MemoryReturn.Compact));
        // Loads the content as the site starts (problems are logged then, and the first learner does not wait), again
        // whenever the watcher asks, and highlights in the background what a first start showed plain.
        services.AddSingleton<ContentLoading>();
        services.AddHostedService(provider => provider.GetRequiredService<ContentLoading>());
        services.AddSingleton(provider => EditLinks.From(provider.GetRequiredService<IOptions<SiteOptions>>().Value));
        services.AddHostedService<ContentWatcher>();
        return services;
    }
}
