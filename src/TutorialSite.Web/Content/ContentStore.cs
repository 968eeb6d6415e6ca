using Microsoft.Extensions.Options;
using TutorialSite.Web.Operations;

namespace TutorialSite.Web.Content;

/// <summary>Where the Markdown lives. Bound from the <c>Content</c> section (<c>Content__Path</c>).</summary>
public sealed class ContentOptions
{
    /// <summary>The content folder; relative paths are resolved against the app's content root.</summary>
    public string Path { get; set; } = "content";
}

/// <summary>Holds the current <see cref="ContentSnapshot"/>; a reload builds a new one and swaps it in whole.</summary>
public sealed class ContentStore
{
    private readonly ILogger<ContentStore> logger;
    private readonly bool includeDrafts;
    private ContentSnapshot current = ContentSnapshot.Empty;

    public ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment, ILogger<ContentStore> logger)
    {
        this.logger = logger;
        Root = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);
        // Drafts are for editors previewing their work, never for learners.
        includeDrafts = environment.IsDevelopment();
        Reload();
    }

    public string Root { get; }

    /// <summary>The snapshot requests read; never null, never half-built.</summary>
    public ContentSnapshot Current => Volatile.Read(ref current);

    public ContentSnapshot Reload()
    {
        var snapshot = ContentLoader.Load(Root, includeDrafts);
        foreach (var problem in snapshot.Problems)
        {
            logger.Log(problem.Severity == Severity.Error ? LogLevel.Error : LogLevel.Warning, "Content problem: {Problem}", problem);
        }
        var tutorials = snapshot.Tutorials.Count();
        logger.LogInformation("Loaded {Courses} courses and {Tutorials} tutorials from {Root}", snapshot.Courses.Count, tutorials, Root);
        Volatile.Write(ref current, snapshot);
        return snapshot;
    }
}

public static class ContentServiceCollectionExtensions
{
    /// <summary>
    /// The content feature: Markdown files loaded into an immutable, swappable snapshot, and its readiness check.
    /// </summary>
    public static IServiceCollection AddContent(this IServiceCollection services, IConfiguration configuration)
    {
        services.Configure<ContentOptions>(configuration.GetSection("Content"));
        services.AddSingleton<ContentStore>();
        services.AddHostedService<ContentStartup>();
        services.AddHealthChecks().AddCheck<ContentHealthCheck>("content", tags: [HealthEndpoints.ReadyTag]);
        return services;
    }
}

/// <summary>Loads the content as the site starts: problems are logged then, and the first learner does not wait.</summary>
internal sealed class ContentStartup(ContentStore store) : IHostedService
{
    public Task StartAsync(CancellationToken cancellationToken) => Task.FromResult(store.Current);

    public Task StopAsync(CancellationToken cancellationToken) => Task.CompletedTask;
}
