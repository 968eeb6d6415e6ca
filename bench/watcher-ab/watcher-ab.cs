#:sdk Microsoft.NET.Sdk.Web
// ContentWatcher (FileSystemWatcher) against the framework's PhysicalFileProvider.Watch("**/*") change tokens, on the
// file operations an editor makes: for each, the time from the operation to the first notification and how many
// notifications it raised within 600 ms. Run by bench/watcher-ab.sh (also with DOTNET_USE_POLLING_FILE_WATCHER=1).
using System.Diagnostics;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Primitives;

var root = Path.Combine(Path.GetTempPath(), "watcher-ab-" + Guid.NewGuid().ToString("N"));
Directory.CreateDirectory(Path.Combine(root, "course"));
File.WriteAllText(Path.Combine(root, "course", "01-a.md"), "---\ntitle: A\n---\n");
var repeats = int.Parse(args.FirstOrDefault() ?? "5", System.Globalization.CultureInfo.InvariantCulture);

var stamps = new List<long>();
var gate = new Lock();
void Notify() { lock (gate) { stamps.Add(Stopwatch.GetTimestamp()); } }

// Ours: as ContentWatcher sets it up.
using var fsw = new FileSystemWatcher(root)
{
    IncludeSubdirectories = true,
    NotifyFilter = NotifyFilters.FileName | NotifyFilters.DirectoryName | NotifyFilters.LastWrite | NotifyFilters.Size,
    InternalBufferSize = 64 * 1024,
};
var which = Environment.GetEnvironmentVariable("WATCHER") ?? "ours";
IDisposable? registration = null;
using var provider = new PhysicalFileProvider(root);
if (which == "ours")
{
    fsw.Changed += (_, _) => Notify();
    fsw.Created += (_, _) => Notify();
    fsw.Deleted += (_, _) => Notify();
    fsw.Renamed += (_, _) => Notify();
    fsw.Error += (_, _) => Notify();
    fsw.EnableRaisingEvents = true;
}
else
{
    registration = ChangeToken.OnChange(() => provider.Watch("**/*"), Notify);
}
Thread.Sleep(500);

var n = 0;
var operations = new (string Name, Action Do)[]
{
    ("save (write in place)", () => File.WriteAllText(Path.Combine(root, "course", "01-a.md"), $"---\ntitle: A {n++}\n---\n")),
    ("save (temp file renamed over)", () =>
    {
        var temp = Path.Combine(root, "course", ".01-a.md.tmp");
        File.WriteAllText(temp, $"---\ntitle: A {n++}\n---\n");
        File.Move(temp, Path.Combine(root, "course", "01-a.md"), overwrite: true);
    }),
    ("new file", () => File.WriteAllText(Path.Combine(root, "course", $"02-new-{n++}.md"), "---\ntitle: New\n---\n")),
    ("delete file", () => { foreach (var f in Directory.GetFiles(Path.Combine(root, "course"), "02-new-*")) File.Delete(f); }),
    ("new folder with a file", () =>
    {
        var folder = Path.Combine(root, $"new-{n++}");
        Directory.CreateDirectory(folder);
        File.WriteAllText(Path.Combine(folder, "_index.md"), "---\ntitle: New\n---\n");
    }),
    ("rename folder", () =>
    {
        var folder = Directory.GetDirectories(root, "new-*").First();
        Directory.Move(folder, Path.Combine(root, $"moved-{n++}"));
    }),
    ("delete folder", () => { foreach (var d in Directory.GetDirectories(root, "moved-*")) Directory.Delete(d, recursive: true); }),
};

Console.WriteLine($"watcher={which} polling={Environment.GetEnvironmentVariable("DOTNET_USE_POLLING_FILE_WATCHER") ?? "no"} repeats={repeats}");
foreach (var (name, action) in operations)
{
    var latencies = new List<double>();
    var counts = new List<int>();
    for (var r = 0; r < repeats; r++)
    {
        lock (gate) { stamps.Clear(); }
        var started = Stopwatch.GetTimestamp();
        action();
        // The first notification, within 6 s (polling checks every 4 s), then what follows it within 600 ms.
        var deadline = started + Stopwatch.Frequency * 6;
        while (Stopwatch.GetTimestamp() < deadline && stamps.Count == 0) Thread.Sleep(1);
        Thread.Sleep(600);
        lock (gate)
        {
            latencies.Add(stamps.Count == 0 ? double.NaN : Stopwatch.GetElapsedTime(started, stamps[0]).TotalMilliseconds);
            counts.Add(stamps.Count);
        }
        Thread.Sleep(100);
    }
    var seen = latencies.Where(l => !double.IsNaN(l)).Order().ToList();
    Console.WriteLine($"{name,-32} first notification ms: median {(seen.Count == 0 ? "-" : seen[seen.Count / 2].ToString("0", System.Globalization.CultureInfo.InvariantCulture))}, max {(seen.Count == 0 ? "-" : seen[^1].ToString("0", System.Globalization.CultureInfo.InvariantCulture))}; missed {latencies.Count - seen.Count}/{repeats}; notifications each: {string.Join(",", counts)}");
}
registration?.Dispose();
Directory.Delete(root, recursive: true);
