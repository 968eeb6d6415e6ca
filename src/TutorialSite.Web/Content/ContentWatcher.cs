using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.FileProviders.Physical;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Primitives;

namespace TutorialSite.Web.Content;

/// <summary>
/// Live reload: when a file under the content folder changes, <see cref="ContentLoading"/> is asked to rebuild the
/// snapshot, debounced so an editor's save (often several file events) costs one reload; a change while a reload runs
/// asks for another, made after it. The framework's change tokens tell of the changes
/// (<see cref="PhysicalFileProvider.Watch"/>): a <see cref="FileSystemWatcher"/>, or where
/// <c>DOTNET_USE_POLLING_FILE_WATCHER</c> is set (a folder mounted from a host whose changes the container does not
/// hear of), a look at the files every 4 s. docs/benchmarks.md, "Watching the content folder".
/// </summary>
public sealed class ContentWatcher(ContentStore store, ContentLoading loading, IOptions<ContentOptions> options, ILogger<ContentWatcher> logger)
    : IHostedService, IDisposable
{
    /// <summary>How long the folder must be quiet before reloading: short enough to feel instant.</summary>
    public static readonly TimeSpan Debounce = TimeSpan.FromMilliseconds(200);

    private PhysicalFileProvider? files;
    private IDisposable? watching;
    private Timer? timer;

    public Task StartAsync(CancellationToken cancellationToken)
    {
        if (!options.Value.Watch || !Directory.Exists(store.Root))
        {
            return Task.CompletedTask;
        }
        timer = new Timer(_ => loading.RequestReload());
        // Every file, dot files too: the loader reads every *.md of a course folder.
        files = new PhysicalFileProvider(store.Root, ExclusionFilters.None);
        watching = ChangeToken.OnChange(() => files.Watch("**/*"), () => timer.Change(Debounce, Timeout.InfiniteTimeSpan));
        logger.LogInformation("Watching {Root} for changes{Polling}", store.Root, files.UsePollingFileWatcher ? " (polling every 4 s)" : "");
        return Task.CompletedTask;
    }

    public Task StopAsync(CancellationToken cancellationToken)
    {
        watching?.Dispose();
        watching = null;
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        watching?.Dispose();
        files?.Dispose();
        timer?.Dispose();
    }
}
