using Microsoft.Extensions.Options;

namespace TutorialSite.Web.Content;

/// <summary>
/// Live reload: when a file under the content folder changes, <see cref="ContentLoading"/> is asked to rebuild the
/// snapshot, debounced so an editor's save (often several file events) costs one reload. A change while a reload runs
/// asks for another, made after it.
/// </summary>
public sealed class ContentWatcher(ContentStore store, ContentLoading loading, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger)
    : IHostedService, IDisposable
{
    /// <summary>How long the folder must be quiet before reloading: short enough to feel instant.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private FileSystemWatcher? watcher;
    private Timer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Watch || !Directory.Exists(store.Root))
        {
            return Task.CompletedTask;
        }
        timer = new Timer(_ => loading.RequestReload());
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

    public Task StopAsync(CancellationToken cancellationToken)
    {
        if (watcher is not null)
        {
            watcher.EnableRaisingEvents = false;
        }
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        watcher?.Dispose();
        timer?.Dispose();
    }

    private void Schedule() => timer?.Change(Debounce, Timeout.InfiniteTimeSpan);
}
