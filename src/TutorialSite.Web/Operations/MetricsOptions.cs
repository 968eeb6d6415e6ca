using System.Globalization;

namespace TutorialSite.Web.Operations;

/// <summary>
/// <c>Metrics__Port</c>: a TCP port (1-65535) for <c>/metrics</c>, or unset for no Prometheus endpoint
/// (<see cref="Telemetry"/>). Read once, while the site is being built: the port decides what is registered and where
/// Kestrel listens.
/// </summary>
public sealed class MetricsOptions
{
    public const string Section = "Metrics";

    public int? Port { get; set; }

    /// <summary>Reads the section; throws <see cref="InvalidOperationException"/> naming the setting on a bad value.</summary>
    public static MetricsOptions Read(IConfiguration configuration) => new()
    {
        Port = configuration.GetSection(Section)[nameof(Port)] switch
        {
            null or "" => null,
            var value when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var port) && port is > 0 and <= 65535 => port,
            var value => throw new InvalidOperationException($"{Section}__{nameof(Port)}: `{value}` is not a TCP port (1-65535)."),
        },
    };
}
