using Microsoft.Extensions.Options;

namespace TutorialSite.Web.Content;

/// <summary>
/// Live reload: when a file under the content folder changes, the whole snapshot is rebuilt and swapped in,
/// debounced so an editor's save (often several file events) costs one reload.
/// </summary>
public sealed class ContentWatcher(ContentStore store, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger) : IHostedService, IDisposable
{
    /// <summary>How long the folder must be quiet before reloading: short enough to feel instant.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private readonly Lock gate = new();
    private FileSystemWatcher? watcher;
    private Timer? timer;
    private bool reloading;
    private bool changedAgain;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Watch || !Directory.Exists(store.Root))
        {
            return Task.CompletedTask;
        }
        timer = new Timer(_ => Reload());
        watcher = new FileSystemWatcher(store.Root)
        {
            IncludeSubdirectories = true,
            NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
            InternalBufferSize = 64 * 1024,
        };
        watcher.Changed += (_, _) => Schedule();
        watcher.Created += (_, _) => Schedule();
        watcher.Deleted += (_, _) => Schedule();
        watcher.Renamed += (_, _) => Schedule();
        // A lost event (buffer overflow) is no reason to serve stale content: reload everything.
        watcher.Error += (_, e) =>
        {
            logger.LogWarning(e.GetException(), "Content watcher lost events; reloading everything");
            Schedule();
        };
        watcher.EnableRaisingEvents = true;
        logger.LogInformation("Watching {Root} for changes", store.Root);
        return Task.CompletedTask;
    }

    /// <summary>Stops watching, and lets a content cache being written finish: the next start then parses nothing unchanged.</summary>
    public async Task StopAsync(CancellationToken cancellationToken)
    {
        if (watcher is not null)
        {
            watcher.EnableRaisingEvents = false;
        }
        try
        {
            store.EndStartUp();
            await store.CacheWritten.WaitAsync(cancellationToken);
        }
        catch (OperationCanceledException)
        {
            // Out of shutdown time: the next start parses what the cache lacks.
        }
    }

    public void Dispose()
    {
        watcher?.Dispose();
        timer?.Dispose();
    }

    private void Schedule()
    {
        lock (gate)
        {
            if (reloading)
            {
                changedAgain = true;
                return;
            }
            timer?.Change(Debounce, Timeout.InfiniteTimeSpan);
        }
    }

    private void Reload()
    {
        lock (gate)
        {
            reloading = true;
            changedAgain = false;
        }
        try
        {
            store.Reload();
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            // A folder vanishing mid-read: keep the current snapshot and try again on the next change.
            logger.LogError(e, "Reloading content from {Root} failed; still serving the previous version", store.Root);
        }
        finally
        {
            lock (gate)
            {
                reloading = false;
                if (changedAgain)
                {
                    timer?.Change(Debounce, Timeout.InfiniteTimeSpan);
                }
            }
        }
    }
}
