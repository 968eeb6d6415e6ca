using System.Runtime.InteropServices;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Web.Content;

/// <summary>Where the Markdown lives. Bound from the <c>Content</c> section (<c>Content__Path</c>).</summary>
public sealed class ContentOptions
{
    public const string Section = "Content";

    /// <summary>The content folder; relative paths are resolved against the app's content root.</summary>
    public string Path { get; set; } = "content";

    /// <summary>Reload when files change (<c>Content__Watch</c>); off only where content can never change.</summary>
    public bool Watch { get; set; } = true;

    /// <summary>
    /// How much code highlighting a first start does before serving (<c>Content__HighlightBeforeServing</c>); the
    /// rest is shown plain until it is highlighted in the background (see <c>CodeHighlighter.Defer</c>).
    /// </summary>
    public TimeSpan HighlightBeforeServing { get; set; } = CodeHighlighter.DeferAfter;

    /// <summary>
    /// How many tutorials the first start's background pass renders again per snapshot it swaps in, once their code is
    /// highlighted (<c>Content__RenderAgainBatch</c>): fewer keep less memory at once, more cost less CPU (each batch
    /// is a reload). See docs/benchmarks.md, "Memory at 2,000 tutorials with highlighting".
    /// </summary>
    public int RenderAgainBatch { get; set; } = 400;

    /// <summary>
    /// Where the content and highlight caches are kept between runs: set by the composition root to the data folder
    /// (<c>Data__Path</c>). Without one every start parses and highlights everything.
    /// </summary>
    public string? CacheFolder { get; set; }
}

/// <summary>Holds the current <see cref="ContentSnapshot"/>; a reload builds a new one and swaps it in whole.</summary>
public sealed class ContentStore
{
    private readonly ILogger<ContentStore> logger;
    private readonly ContentMetrics metrics;
    private readonly bool includeDrafts;
    private readonly string? cacheFile;
    private readonly string? highlightFile;
    private readonly Lock cacheLock = new();
    private readonly Lock reloadLock = new();
    private readonly CancellationToken stopping;
    private readonly TimeSpan highlightBeforeServing;
    private readonly int renderAgainBatch;
    private readonly TaskCompletionSource startedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private Task cacheWritten = Task.CompletedTask;
    private ContentSnapshot current = ContentSnapshot.Empty;

    public ContentStore(IOptions<ContentOptions> options, IHostEnvironment environment, ILogger<ContentStore> logger,
        System.Diagnostics.Metrics.IMeterFactory meters, IHostApplicationLifetime lifetime)
    {
        stopping = lifetime.ApplicationStopping;
        highlightBeforeServing = options.Value.HighlightBeforeServing;
        renderAgainBatch = options.Value.RenderAgainBatch;
        this.logger = logger;
        metrics = new ContentMetrics(meters, () => Current);
        Root = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);
        // Drafts are for editors previewing their work, never for learners.
        includeDrafts = environment.IsDevelopment();
        if (options.Value.CacheFolder is { } cacheFolder)
        {
            cacheFile = System.IO.Path.Combine(cacheFolder, ContentCache.FileName);
            highlightFile = System.IO.Path.Combine(cacheFolder, HighlightCache.FileName);
        }
        ReadHighlightCache();
        Reload();
    }

    public string Root { get; }

    /// <summary>The snapshot requests read; never null, never half-built.</summary>
    public ContentSnapshot Current => Volatile.Read(ref current);

    /// <summary>
    /// How long after the first load its background work (the search index, the cache file) waits: on two cores it
    /// otherwise takes the CPU from the first requests (the first page came about 0.25 s later at 2,000 tutorials). A
    /// search before then builds the index itself; a stop ends the wait at once (<see cref="EndStartUp"/>).
    /// </summary>
    public static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(2);

    /// <summary>Builds a new snapshot (keeping the last good version of files that now fail) and swaps it in.</summary>
    public ContentSnapshot Reload()
    {
        // One at a time (the watcher's, and the one after deferred highlighting): a slower load that read a file
        // before an edit must not replace one that read it after.
        lock (reloadLock)
        {
            return ReloadLocked();
        }
    }

    /// <param name="previous">What the load starts from, when not the current snapshot (a batch of the deferred pass).</param>
    /// <param name="batch">A batch of the deferred pass, not its last: the search index and the cache wait for the last.</param>
    private ContentSnapshot ReloadLocked(ContentSnapshot? previous = null, bool batch = false)
    {
        var started = System.Diagnostics.Stopwatch.GetTimestamp();
        // An edit's reload between two batches is one of them: its snapshot still has plain tutorials not marked pending.
        batch |= renderingAgain;
        // The first load starts from what the last run rendered: only files changed since are parsed.
        previous ??= ReferenceEquals(Current, ContentSnapshot.Empty) ? ReadCache() : Current;
        ContentSnapshot snapshot;
        // A first start serves at once: code not highlighted before (Data folder's highlight cache) is shown plain
        // and highlighted in the background, then those tutorials are rendered again (HighlightDeferredCode).
        using (ReferenceEquals(Current, ContentSnapshot.Empty) ? CodeHighlighter.Defer(highlightBeforeServing) : null)
        {
            snapshot = ContentLoader.Load(Root, includeDrafts, previous);
        }
        foreach (var problem in snapshot.Problems)
        {
            logger.Log(problem.Severity == Severity.Error ? LogLevel.Error : LogLevel.Warning, "Content problem: {Problem}", problem);
        }
        metrics.Loaded(snapshot, System.Diagnostics.Stopwatch.GetElapsedTime(started));
        var tutorials = snapshot.Tutorials.Count();
        var reused = snapshot.Tutorials.Count(t => previous?.FindBySource(t.SourcePath) is { } before && ReferenceEquals(before, t));
        logger.LogInformation("Loaded {Courses} courses and {Tutorials} tutorials from {Root} in {Elapsed:0} ms ({Reused} unchanged since the previous load)",
            snapshot.Courses.Count, tutorials, Root, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds, reused);
        var first = ReferenceEquals(Current, ContentSnapshot.Empty);
        var fromCache = first && previous is not null;
        // The snapshot and its cache write are published together: whoever sees this snapshot and then waits for
        // CacheWritten (a clean stop, a test) waits for this write, not the one before. A batch writes nothing; a start
        // that found every tutorial in the cache, and no other, leaves it as it is.
        lock (cacheLock)
        {
            Volatile.Write(ref current, snapshot);
            if (!batch && !(fromCache && reused == tutorials && previous!.Tutorials.Count() == tutorials))
            {
                WriteCache(snapshot);
            }
        }
        if (first)
        {
            _ = Task.Delay(StartUpGrace).ContinueWith(_ => EndStartUp(), TaskScheduler.Default);
        }
        // The load's threads each compiled the grammars they met (a registry each): drop them all. The next change with
        // new code, or the background pass below on one thread, compiles what it needs again, in milliseconds
        // (docs/benchmarks.md, "Memory at 2,000 tutorials with highlighting").
        CodeHighlighter.ReleaseGrammars();
        if (batch)
        {
            return snapshot;
        }
        if (snapshot.Tutorials.Any(t => t.CodePending))
        {
            // This snapshot is replaced once its code is highlighted: its search index is built only if a search asks
            // for it before then, not beside the highlighting (it is as large as the next one's).
            _ = startedUp.Task.ContinueWith(_ => HighlightDeferredCode(), CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
        }
        else
        {
            // Build the search index off the request path, rather than on the first search: on a thread of its own,
            // like the cache's write, so that the thread pool's threads stay free for requests.
            _ = startedUp.Task.ContinueWith(_ => snapshot.Search, CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
        }
        return snapshot;
    }

    /// <summary>Waits for the content cache to be written (tests, and a clean stop).</summary>
    public Task CacheWritten
    {
        get
        {
            lock (cacheLock)
            {
                return cacheWritten;
            }
        }
    }

    private ContentSnapshot? ReadCache()
    {
        if (cacheFile is null)
        {
            return null;
        }
        try
        {
            return ContentCache.Read(cacheFile, Root, includeDrafts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            logger.LogWarning("The content cache {File} could not be read ({Error}); every file is parsed", cacheFile, e.Message);
            return null;
        }
    }

    /// <summary>
    /// Highlights the code a first load showed plain, on one thread (the other core keeps serving), then reloads:
    /// only the tutorials with such code are rendered again, from the highlight cache.
    /// </summary>
    private void HighlightDeferredCode()
    {
        try
        {
            var started = System.Diagnostics.Stopwatch.GetTimestamp();
            var blocks = 0;
            while (CodeHighlighter.HasPending)
            {
                blocks += CodeHighlighter.HighlightPending(HighlightBatch, stopping);
                // Oniguruma's searches churn through small native blocks that glibc keeps in its per-thread arenas.
                TrimNativeHeap();
            }
            logger.LogInformation("Highlighted {Blocks} code blocks in {Elapsed:0} ms after the first load; rendering their tutorials again",
                blocks, System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // The grammars are done with: their memory goes back before the tutorials are rendered again.
            CodeHighlighter.ReleaseGrammars();
            ReturnHighlightingMemory();
            RenderAgainInBatches();
            ReturnHighlightingMemory();
        }
        catch (OperationCanceledException)
        {
            // The site is stopping: the next start highlights what is left.
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The code stays plain until the next change; the site serves on.
            logger.LogWarning(e, "Highlighting the code deferred by the first load failed");
        }
        finally
        {
            lock (reloadLock)
            {
                renderingAgain = false;
            }
        }
    }

    /// <summary>Blocks highlighted between two trims of the native heap (about a second of work).</summary>
    private const int HighlightBatch = 1_000;

    /// <summary>
    /// Renders the tutorials whose code the first load showed plain again, <see cref="ContentOptions.RenderAgainBatch"/> at a time, each
    /// batch swapped in as a snapshot of its own: rendered all at once, the new snapshot's HTML and the parse's garbage
    /// stood beside the whole old snapshot (the peak of the first start: about +50 MB resident at 2,000 tutorials).
    /// Each batch's load starts from the current snapshot with only its own tutorials marked pending, so the loader
    /// renders those and reuses every other one; the rest stay plain until their batch. Only the last batch builds
    /// the search index and writes the caches.
    /// </summary>
    private void RenderAgainInBatches()
    {
        var pending = Current.Tutorials.Where(t => t.CodePending).Select(t => t.SourcePath).ToList();
        var batches = pending.Chunk(renderAgainBatch).ToList();
        for (var i = 0; i < batches.Count; i++)
        {
            stopping.ThrowIfCancellationRequested();
            var now = batches[i].ToHashSet(StringComparer.Ordinal);
            lock (reloadLock)
            {
                renderingAgain = i < batches.Count - 1;
                ReloadLocked(PendingOnly(Current, now), batch: renderingAgain);
            }
        }
    }

    /// <summary>Between two batches of <see cref="RenderAgainInBatches"/>; set and read under the reload lock.</summary>
    private bool renderingAgain;

    /// <summary>The snapshot with only the tutorials of <paramref name="sources"/> marked as having code pending.</summary>
    private static ContentSnapshot PendingOnly(ContentSnapshot snapshot, HashSet<string> sources)
    {
        var courses = snapshot.Courses.Select(c => c with
        {
            Tutorials = [.. c.Tutorials.Select(t => t.CodePending == sources.Contains(t.SourcePath) ? t : t with { CodePending = !t.CodePending })],
        }).ToList();
        return new ContentSnapshot(snapshot.Root, courses, snapshot.Problems) { Site = snapshot.Site };
    }

    /// <summary>
    /// Once, after the first start's background highlighting: it churned through tens of MB of short-lived tokens and
    /// compiled grammars (dropped by the reload: <see cref="CodeHighlighter.ReleaseGrammars"/>) that the GC would
    /// otherwise keep committed, and the grammars' native regexes are freed only by their finalizers. One aggressive,
    /// compacting collection gives it back (at 2,000 tutorials about 370 → under 300 MB resident; docs/benchmarks.md).
    /// </summary>
    private static void ReturnHighlightingMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        GC.Collect(GC.MaxGeneration, GCCollectionMode.Aggressive, blocking: true, compacting: true);
        TrimNativeHeap();
    }

    /// <summary>
    /// glibc keeps what Oniguruma freed in its per-thread arenas (about 60 MB at 2,000 tutorials): malloc_trim hands it
    /// back. Elsewhere (musl, macOS, Windows) there is no such call, and nothing to do.
    /// </summary>
    private static void TrimNativeHeap()
    {
        if (MallocTrimFunction.Value is { } trim)
        {
            trim(0);
        }
    }

    private static readonly Lazy<MallocTrim?> MallocTrimFunction = new(() =>
        OperatingSystem.IsLinux() && NativeLibrary.TryLoad("libc.so.6", out var libc) && NativeLibrary.TryGetExport(libc, "malloc_trim", out var address)
            ? Marshal.GetDelegateForFunctionPointer<MallocTrim>(address)
            : null);

    [UnmanagedFunctionPointer(CallingConvention.Cdecl)]
    private delegate int MallocTrim(nuint pad);

    private void ReadHighlightCache()
    {
        if (highlightFile is null)
        {
            return;
        }
        try
        {
            if (CodeHighlighter.Cache.Read(highlightFile))
            {
                logger.LogInformation("Read {Blocks} highlighted code blocks from {File}", CodeHighlighter.Cache.Count, highlightFile);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException)
        {
            logger.LogWarning("The highlight cache {File} could not be read ({Error}); code is highlighted again", highlightFile, e.Message);
        }
    }

    /// <summary>Lets the first load's background work start now instead of after <see cref="StartUpGrace"/> (a stop).</summary>
    public void EndStartUp() => startedUp.TrySetResult();

    /// <summary>In the background, one write at a time, and only of the snapshot still current (a newer one follows).</summary>
    private void WriteCache(ContentSnapshot snapshot)
    {
        if (cacheFile is not { } file || highlightFile is not { } highlights)
        {
            return;
        }
        lock (cacheLock)
        {
            cacheWritten = Task.WhenAll(cacheWritten, startedUp.Task).ContinueWith(_ =>
            {
                if (!ReferenceEquals(snapshot, Current))
                {
                    return;
                }
                try
                {
                    ContentCache.Write(file, snapshot, includeDrafts);
                    if (CodeHighlighter.Cache.Changed)
                    {
                        CodeHighlighter.Cache.Write(highlights);
                    }
                }
                catch (Exception e) when (e is not OutOfMemoryException)
                {
                    // Only an accelerator: whatever went wrong, the site serves on, and a clean stop still completes.
                    logger.LogWarning(e, "The content cache {File} could not be written; the next start parses every file", file);
                }
            }, CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);
        }
    }
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
        services.AddSingleton(provider => EditLinks.From(provider.GetRequiredService<IOptions<SiteOptions>>().Value));
        // Also loads the content as the site starts: problems are logged then, and the first learner does not wait.
        services.AddHostedService<ContentWatcher>();
        return services;
    }
}
