using System.Net;

namespace TutorialSite.Web.Operations;

/// <summary>
/// The reverse proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed:
/// <c>ForwardedHeaders__KnownProxies</c> (addresses) and <c>ForwardedHeaders__KnownNetworks</c> (CIDR), comma-separated;
/// with neither, only loopback (ASP.NET's default). Parsed here, once, as the site starts: a bad entry stops the start
/// with a message naming the setting.
/// </summary>
public sealed class ProxyOptions
{
    public const string Section = "ForwardedHeaders";

    public IReadOnlyList<IPAddress> KnownProxies { get; set; } = [];

    public IReadOnlyList<System.Net.IPNetwork> KnownNetworks { get; set; } = [];

    public static void Bind(ProxyOptions options, IConfiguration configuration)
    {
        var section = configuration.GetSection(Section);
        options.KnownProxies = [.. List(section[nameof(KnownProxies)]).Select(proxy => IPAddress.TryParse(proxy, out var address)
            ? address
            : throw new InvalidOperationException($"{Section}__{nameof(KnownProxies)}: `{proxy}` is not an IP address."))];
        options.KnownNetworks = [.. List(section[nameof(KnownNetworks)]).Select(network => System.Net.IPNetwork.TryParse(network, out var parsed)
            ? parsed
            : throw new InvalidOperationException($"{Section}__{nameof(KnownNetworks)}: `{network}` is not a network in CIDR form (10.0.0.0/8)."))];
    }

    private static string[] List(string? value) =>
        value?.Split([',', ';', ' '], StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries) ?? [];
}
