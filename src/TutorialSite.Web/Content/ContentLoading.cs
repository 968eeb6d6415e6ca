using System.Diagnostics;
using System.Threading.Channels;
using Microsoft.Extensions.Options;
using TutorialSite.Web.Content.Markdown.Highlighting;

namespace TutorialSite.Web.Content;

/// <summary>
/// Loads the content into the <see cref="ContentStore"/>: the first load as the site starts, a reload whenever the
/// <see cref="ContentWatcher"/> asks, and after a first start that showed code plain, the background pass that
/// highlights it and renders those tutorials again in batches; it writes the content cache. Every load after the
/// first is made by one loop, so two never overlap (a slower load that read a file before an edit cannot replace one
/// that read it after), and the loop takes a reload before the pass's next batch, the batch being rendered giving way
/// (it is rendered again after): an edit never waits behind the pass.
/// </summary>
public sealed class ContentLoading(ContentStore store, IOptions<ContentOptions> options, ILogger<ContentLoading> logger,
    System.Diagnostics.Metrics.IMeterFactory meters, MemoryReturn memory) : BackgroundService
{
    /// <summary>
    /// How long after the first load its background work (the highlighting pass, the search index, the cache file)
    /// waits: on two cores it otherwise takes the CPU from the first requests (the first page came about 0.25 s later
    /// at 2,000 tutorials). A search before then builds the index itself; a stop ends the wait at once.
    /// </summary>
    public static readonly TimeSpan StartUpGrace = TimeSpan.FromSeconds(2);

    /// <summary>Blocks of one language highlighted between two releases of the grammars and the memory (about a second of work).</summary>
    private const int HighlightBatch = 1_000;

    private readonly ContentMetrics metrics = new(meters, () => store.Current);
    private readonly string? cacheFile = options.Value.CacheFolder is { } folder ? Path.Combine(folder, ContentCache.FileName) : null;
    private readonly string? highlightFile = options.Value.CacheFolder is { } folder ? Path.Combine(folder, HighlightCache.FileName) : null;

    /// <summary>The highlight cache's <see cref="HighlightCache.Additions"/> when this data folder's file last had them all.</summary>
    private long highlightsWritten = -1;
    private readonly Lock firstLoad = new();
    private readonly Lock cacheLock = new();
    private readonly TaskCompletionSource startedUp = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly TaskCompletionSource firstLoaded = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Channel<Request> requests = Channel.CreateUnbounded<Request>(new UnboundedChannelOptions { SingleReader = true });
    private Task cacheWritten = Task.CompletedTask;

    /// <summary>The tutorials (by source) the first load showed with plain code, until the pass plans its batches.</summary>
    private HashSet<string> plain = new(StringComparer.Ordinal);

    /// <summary>The pass's batches not yet rendered again (the loop's alone), and how many it planned.</summary>
    private Queue<HashSet<string>> batches = new();
    private int planned;

    /// <summary>Cancels the batch being rendered when a reload is asked for: it is rendered again after the reload.</summary>
    private CancellationTokenSource? giveWay;
    private readonly Lock giveWayLock = new();
    private CancellationToken stopping;

    private enum Request
    {
        /// <summary>Files changed: load again.</summary>
        Reload,

        /// <summary>The pass highlighted the code the first load showed plain: render its tutorials again, in batches.</summary>
        Highlighted,

        /// <summary>The pass failed: the code stays plain until those files change.</summary>
        Abandoned,
    }

    /// <summary>Whether the first start's pass has tutorials still to render again: loads until then write no cache.</summary>
    private bool PassUnderway => plain.Count > 0 || batches.Count > 0;

    /// <summary>
    /// The first load, once: from the content cache the last run wrote, with code not highlighted before shown plain
    /// after <see cref="ContentOptions.HighlightBeforeServing"/>. The composition root runs it while it puts the
    /// request pipeline together (the database migrates after it), the service's loop waits for it, and a verb may
    /// call it without the host.
    /// </summary>
    public ContentSnapshot LoadFirst()
    {
        lock (firstLoad)
        {
            if (store.IsLoaded)
            {
                return store.Current;
            }
            ContentSnapshot snapshot;
            try
            {
                ReadHighlightCache();
                var previous = ReadCache();
                using (CodeHighlighter.Defer(options.Value.HighlightBeforeServing))
                {
                    snapshot = Load(previous, writeCache: true);
                }
            }
            catch (Exception e)
            {
                firstLoaded.TrySetException(e);
                throw;
            }
            firstLoaded.TrySetResult();
            plain = [.. snapshot.Tutorials.Where(t => t.CodePending).Select(t => t.SourcePath)];
            if (!PassUnderway)
            {
                BuildSearchIndexSoon(snapshot);
            }
            _ = Task.Delay(StartUpGrace).ContinueWith(_ => startedUp.TrySetResult(), TaskScheduler.Default);
            return snapshot;
        }
    }

    /// <summary>Completes once the first load has published its snapshot (faulted if it threw).</summary>
    public Task FirstLoaded => firstLoaded.Task;

    /// <summary>
    /// The host's start waits for the first load (begun by the composition root, or else by the loop), so that
    /// whoever sees the host started sees the content; the other services, Kestrel among them, start meanwhile
    /// (<see cref="HostOptions.ServicesStartConcurrently"/>), and requests that come early wait for it
    /// (Operations/WaitForContent).
    /// </summary>
    public override async Task StartAsync(CancellationToken cancellationToken)
    {
        await base.StartAsync(cancellationToken);
        await FirstLoaded.WaitAsync(cancellationToken);
    }

    /// <summary>Asks for a reload (the watcher, once the folder is quiet); taken before the pass's next batch.</summary>
    public void RequestReload()
    {
        logger.LogInformation("Content changed in {Root}; reloading", store.Root);
        requests.Writer.TryWrite(Request.Reload);
        lock (giveWayLock)
        {
            giveWay?.Cancel();
        }
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

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        stopping = stoppingToken;
        // Normally done by then: the composition root starts it before the pipeline is put together.
        await Task.Run(LoadFirst, stoppingToken);
        _ = HighlightPlainCodeAsync(stoppingToken);
        try
        {
            while (!stoppingToken.IsCancellationRequested)
            {
                if (batches.Count == 0)
                {
                    await requests.Reader.WaitToReadAsync(stoppingToken);
                }
                var reload = false;
                while (requests.Reader.TryRead(out var request))
                {
                    reload |= request == Request.Reload;
                    if (request != Request.Reload)
                    {
                        PlanBatches(request == Request.Highlighted);
                    }
                }
                // An edit first: the pass's next batch waits for it, never the other way round.
                if (reload)
                {
                    Reload();
                }
                else if (batches.TryDequeue(out var batch))
                {
                    RenderAgain(batch);
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // The site is stopping: the next start highlights what is left.
        }
    }

    /// <summary>Ends the start-up grace, stops the loop, and lets a content cache being written finish: the next start then parses nothing unchanged.</summary>
    public override async Task StopAsync(CancellationToken cancellationToken)
    {
        startedUp.TrySetResult();
        await base.StopAsync(cancellationToken);
        try
        {
            await CacheWritten.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: the next start parses what the cache lacks.
        }
    }

    /// <summary>Loads from the current snapshot after files changed, keeping it when the folder cannot be read.</summary>
    private void Reload()
    {
        try
        {
            var current = store.Current;
            // During the pass its tutorials keep their plain code until their batch: the edit renders only what changed.
            var during = PassUnderway;
            var previous = during && current.Tutorials.Any(t => t.CodePending) ? PendingOnly(current, []) : current;
            var snapshot = Load(previous, writeCache: !during);
            if (!during)
            {
                BuildSearchIndexSoon(snapshot);
            }
            // The snapshot before (its search index, the tutorials that changed, its cached pages) lived long enough
            // to reach the GC's oldest generation: given back once the editor stops saving.
            memory.Soon();
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // A folder vanishing mid-read: keep the current snapshot and try again on the next change.
            logger.LogError(e, "Reloading content from {Root} failed; still serving the previous version", store.Root);
        }
    }

    /// <summary>Builds a snapshot from <paramref name="previous"/>, logs its problems, and swaps it in.</summary>
    private ContentSnapshot Load(ContentSnapshot? previous, bool writeCache, CancellationToken cancellationToken = default)
    {
        var started = Stopwatch.GetTimestamp();
        var snapshot = ContentLoader.Load(store.Root, store.IncludeDrafts, previous, cancellationToken);
        foreach (var problem in snapshot.Problems)
        {
            logger.Log(problem.Severity == Severity.Error ? LogLevel.Error : LogLevel.Warning, "Content problem: {Problem}", problem);
        }
        metrics.Loaded(snapshot, Stopwatch.GetElapsedTime(started));
        var tutorials = snapshot.Tutorials.Count();
        var reused = snapshot.Tutorials.Count(t => previous?.FindBySource(t.SourcePath) is { } before && ReferenceEquals(before, t));
        logger.LogInformation("Loaded {Courses} courses and {Tutorials} tutorials from {Root} in {Elapsed:0} ms ({Reused} unchanged since the previous load)",
            snapshot.Courses.Count, tutorials, store.Root, Stopwatch.GetElapsedTime(started).TotalMilliseconds, reused);
        // Where only HTML changed (a batch of the pass), the search index of the snapshot before is kept.
        snapshot.KeepSearchOf(store.Current);
        // A start that found every tutorial in the cache, and no other, leaves it as it is.
        var unchangedCache = !store.IsLoaded && previous is not null && reused == tutorials && previous.Tutorials.Count() == tutorials;
        // The snapshot and its cache write are published together: whoever sees this snapshot and then waits for
        // CacheWritten (a clean stop, a test) waits for this write, not the one before.
        lock (cacheLock)
        {
            store.Publish(snapshot);
            if (writeCache && !unchangedCache)
            {
                WriteCache(snapshot);
            }
        }
        // The load's threads each compiled the grammars they met (a registry each): drop them all. The next change with
        // new code, or the background pass on one thread, compiles what it needs again, in milliseconds
        // (docs/benchmarks.md, "Memory at 2,000 tutorials with highlighting").
        CodeHighlighter.ReleaseGrammars();
        return snapshot;
    }

    /// <summary>
    /// Builds the search index off the request path, rather than on the first search: on a thread of its own, like the
    /// cache's write, so that the thread pool's threads stay free for requests.
    /// </summary>
    private void BuildSearchIndexSoon(ContentSnapshot snapshot) =>
        _ = startedUp.Task.ContinueWith(_ => snapshot.Search, CancellationToken.None, TaskContinuationOptions.LongRunning, TaskScheduler.Default);

    /// <summary>
    /// After the start-up grace, highlights the code the first load showed plain, on a thread of its own (the other
    /// core keeps serving, and the loop keeps taking edits), then hands the loop the tutorials to render again.
    /// </summary>
    private async Task HighlightPlainCodeAsync(CancellationToken stopping)
    {
        await startedUp.Task;
        if (plain.Count == 0 || stopping.IsCancellationRequested)
        {
            return;
        }
        var done = await Task.Factory.StartNew(() => HighlightPending(stopping), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default);
        requests.Writer.TryWrite(done ? Request.Highlighted : Request.Abandoned);
    }

    private bool HighlightPending(CancellationToken stopping)
    {
        try
        {
            // What the first load left (its garbage, promoted while it ran, and the grammars its threads compiled) goes
            // back before the pass adds its own: otherwise the two stand together for the whole pass.
            ReturnMemory();
            var started = Stopwatch.GetTimestamp();
            var blocks = 0;
            while (CodeHighlighter.HasPending)
            {
                blocks += CodeHighlighter.HighlightPending(HighlightBatch, stopping);
                // A language's grammars go before the next language's are compiled (their native regexes with their
                // finalizers); Oniguruma's searches churn through small native blocks that glibc keeps in its arenas.
                CodeHighlighter.ReleaseGrammars();
                GC.Collect();
                GC.WaitForPendingFinalizers();
                MemoryReturn.TrimNativeHeap();
            }
            logger.LogInformation("Highlighted {Blocks} code blocks in {Elapsed:0} ms after the first load; rendering their tutorials again",
                blocks, Stopwatch.GetElapsedTime(started).TotalMilliseconds);
            // The grammars are done with (the loop dropped the last): their memory goes back before the tutorials are
            // rendered again.
            ReturnMemory();
            return true;
        }
        catch (OperationCanceledException)
        {
            // The site is stopping: the next start highlights what is left.
            return false;
        }
        catch (Exception e) when (e is not OutOfMemoryException)
        {
            // The code stays plain until the next change; the site serves on.
            logger.LogWarning(e, "Highlighting the code deferred by the first load failed");
            return false;
        }
    }

    /// <summary>
    /// The tutorials whose code the first load showed plain, <see cref="ContentOptions.RenderAgainBatch"/> at a time, in
    /// the order they are served: rendered all at once, the new snapshot's HTML and the parse's garbage stood beside the
    /// whole old snapshot (the peak of the first start: about +50 MB resident at 2,000 tutorials).
    /// </summary>
    private void PlanBatches(bool highlighted)
    {
        if (highlighted)
        {
            foreach (var batch in store.Current.Tutorials.Select(t => t.SourcePath).Where(plain.Contains).Chunk(options.Value.RenderAgainBatch))
            {
                batches.Enqueue(batch.ToHashSet(StringComparer.Ordinal));
            }
            planned = batches.Count;
        }
        plain = new(StringComparer.Ordinal);
    }

    /// <summary>
    /// One batch: a load from the current snapshot with only the batch's tutorials marked pending, so the loader renders
    /// those and reuses every other one; the rest stay plain until their batch. Only the last writes the caches.
    /// </summary>
    private void RenderAgain(HashSet<string> batch)
    {
        var cancel = CancellationTokenSource.CreateLinkedTokenSource(stopping);
        lock (giveWayLock)
        {
            giveWay = cancel;
        }
        try
        {
            var last = batches.Count == 0;
            var snapshot = Load(PendingOnly(store.Current, batch), writeCache: last, cancel.Token);
            logger.LogInformation("Rendered {Count} tutorials again with their code highlighted (batch {Batch} of {Batches})",
                batch.Count, planned - batches.Count, planned);
            if (last)
            {
                BuildSearchIndexSoon(snapshot);
                ReturnMemory();
            }
        }
        catch (OperationCanceledException) when (!stopping.IsCancellationRequested)
        {
            // An edit came: it goes first, and this batch after it, from the edit's snapshot.
            batches = new([batch, .. batches]);
        }
        catch (Exception e) when (e is not OutOfMemoryException and not OperationCanceledException)
        {
            // The code of the rest stays plain until the next change; the site serves on.
            logger.LogWarning(e, "Rendering the tutorials highlighted after the first load failed");
            batches.Clear();
        }
        finally
        {
            lock (giveWayLock)
            {
                giveWay = null;
            }
            cancel.Dispose();
        }
    }

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
    /// Before the first start's background highlighting, after it and after its last batch: the load before each
    /// churned through hundreds of MB (the first load) or tens of MB of short-lived tokens and compiled grammars
    /// (dropped: <see cref="CodeHighlighter.ReleaseGrammars"/>) that the GC would otherwise keep committed, and the
    /// grammars' native regexes are freed only by their finalizers. One aggressive, compacting collection gives it back
    /// (at 2,000 tutorials: docs/benchmarks.md, "Memory while the first start highlights").
    /// </summary>
    private static void ReturnMemory()
    {
        GC.Collect();
        GC.WaitForPendingFinalizers();
        MemoryReturn.Now();
    }

    private void ReadHighlightCache()
    {
        if (highlightFile is null)
        {
            return;
        }
        try
        {
            var empty = CodeHighlighter.Cache.Count == 0;
            if (CodeHighlighter.Cache.Read(highlightFile))
            {
                // Into an empty cache (a process's start) the file holds every block: nothing to write until one is
                // added. Otherwise (another site in the same process highlighted before) the first write brings it up.
                if (empty)
                {
                    highlightsWritten = CodeHighlighter.Cache.Additions;
                }
                logger.LogInformation("Read {Blocks} highlighted code blocks from {File}", CodeHighlighter.Cache.Count, highlightFile);
            }
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or EndOfStreamException or FormatException)
        {
            logger.LogWarning("The highlight cache {File} could not be read ({Error}); code is highlighted again", highlightFile, e.Message);
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
            return ContentCache.Read(cacheFile, store.Root, store.IncludeDrafts);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or NotSupportedException or ArgumentException or InvalidOperationException)
        {
            logger.LogWarning("The content cache {File} could not be read ({Error}); every file is parsed", cacheFile, e.Message);
            return null;
        }
    }

    /// <summary>In the background after the start-up grace, one write at a time, and only of the snapshot still current (a newer one follows).</summary>
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
                if (!ReferenceEquals(snapshot, store.Current))
                {
                    return;
                }
                try
                {
                    ContentCache.Write(file, snapshot, store.IncludeDrafts);
                    // The highlighted blocks are the process's, the file is this data folder's (the tests run many
                    // sites in one process): written whenever blocks were added since this folder's last write.
                    var additions = CodeHighlighter.Cache.Additions;
                    if (additions != highlightsWritten)
                    {
                        CodeHighlighter.Cache.Write(highlights);
                        highlightsWritten = additions;
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
