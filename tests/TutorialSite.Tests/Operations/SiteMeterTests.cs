using System.Diagnostics.Metrics;
using System.Text.RegularExpressions;
using Microsoft.Extensions.DependencyInjection;
using TutorialSite.Web.Operations;

namespace TutorialSite.Tests.Operations;

/// <summary>
/// The metrics table of docs/operations.md ("Observe") against the instruments the running site really has, listed
/// through a <see cref="MeterListener"/>: a metric the docs name must exist with the type and unit they give, every
/// metric of the site's own meters must be in the table, and an instrument the exporter drops must exist (or the view
/// silently drops nothing) and must not be offered as exported. Docs and code cannot drift apart.
/// </summary>
public sealed partial class SiteMeterTests : IDisposable
{
    private static readonly string Docs = Path.Combine(RepoPaths.Root, "docs", "operations.md");

    private readonly TempContent content = TempContent.Sample();
    private readonly TutorialSiteFactory site;

    // Production: the exception handler (and its meter) is only used there.
    public SiteMeterTests() => site = new TutorialSiteFactory(content.Root, environment: "Production");

    public void Dispose()
    {
        site.Dispose();
        content.Dispose();
    }

    [Fact]
    public void DocsMetricsTable_NamesExactlyTheSitesInstruments_WithTheirTypesAndUnits()
    {
        var instruments = SiteInstruments();
        var documented = DocumentedMetrics();

        Assert.NotEmpty(documented);
        foreach (var (name, row) in documented)
        {
            Assert.True(instruments.TryGetValue(name, out var instrument), $"docs/operations.md names `{name}`, which the site does not have.");
            var actual = (Type: Kind(instrument), Unit: instrument.Unit ?? "");
            Assert.True(actual == row, $"docs/operations.md: `{name}` is a {row.Type} in `{row.Unit}`, but the site has a {actual.Type} in `{actual.Unit}`.");
        }
        var undocumented = instruments.Values.Where(i => i.Meter.Name.StartsWith("TutorialSite.", StringComparison.Ordinal))
            .Select(i => i.Name).Where(name => !documented.ContainsKey(name)).Order().ToList();
        Assert.True(undocumented.Count == 0, "Not in the metrics table of docs/operations.md: " + string.Join(", ", undocumented));
        foreach (var dropped in Telemetry.Dropped)
        {
            Assert.True(instruments.ContainsKey(dropped), $"Telemetry.Dropped names `{dropped}`, which the site does not have (renamed by the framework?).");
            Assert.False(documented.ContainsKey(dropped), $"`{dropped}` is dropped by Telemetry, so the docs may not list it as a metric.");
        }
    }

    /// <summary>Every instrument of the exported meters, as the app started on real sockets publishes them.</summary>
    private Dictionary<string, Instrument> SiteInstruments()
    {
        site.UseKestrel(0); // Kestrel's meter exists only with Kestrel, not the in-memory test server.
        site.StartServer();
        var meters = site.Services.GetRequiredService<IMeterFactory>();
        var found = new Dictionary<string, Instrument>(StringComparer.Ordinal);
        using var listener = new MeterListener
        {
            InstrumentPublished = (instrument, _) =>
            {
                // Only this app's (other tests run their own apps meanwhile), and the process-wide runtime meter.
                if ((ReferenceEquals(instrument.Meter.Scope, meters) || instrument.Meter.Name == "System.Runtime") && Exported(instrument.Meter.Name))
                {
                    lock (found)
                    {
                        found[instrument.Name] = instrument;
                    }
                }
            },
        };
        listener.Start(); // publishes every instrument created so far
        return found;
    }

    private static bool Exported(string meter) =>
        Telemetry.Meters.Any(pattern => pattern.EndsWith('*') ? meter.StartsWith(pattern[..^1], StringComparison.Ordinal) : meter == pattern);

    private static string Kind(Instrument instrument)
    {
        var type = instrument.GetType().Name;
        return type[..type.IndexOf('`', StringComparison.Ordinal)] switch
        {
            "Counter" or "ObservableCounter" => "counter",
            "UpDownCounter" or "ObservableUpDownCounter" => "up-down counter",
            "Histogram" => "histogram",
            "Gauge" or "ObservableGauge" => "gauge",
            var other => other,
        };
    }

    /// <summary>
    /// The rows of the table under "Observe" whose first cell is a metric's name in backticks:
    /// <c>| `name` | type | `unit` | attributes | meaning |</c>.
    /// </summary>
    private static Dictionary<string, (string Type, string Unit)> DocumentedMetrics()
    {
        var text = File.ReadAllText(Docs);
        var start = text.IndexOf("\n## Observe", StringComparison.Ordinal);
        Assert.True(start >= 0, "docs/operations.md has no \"## Observe\" section.");
        var end = text.IndexOf("\n## ", start + 1, StringComparison.Ordinal);
        var section = end < 0 ? text[start..] : text[start..end];
        return MetricRow().Matches(section).ToDictionary(m => m.Groups["name"].Value, m => (m.Groups["type"].Value.Trim(), m.Groups["unit"].Value));
    }

    [GeneratedRegex(@"^\| `(?<name>[a-z0-9_.]+)` \| (?<type>[a-z -]+) \| `(?<unit>[^`]*)` \|", RegexOptions.Multiline)]
    private static partial Regex MetricRow();
}
