using System.Globalization;

namespace TutorialSite.Web.Content;

/// <summary>
/// The <c>Site</c> settings (<c>Site__PublicBaseUrl</c>, <c>Site__RepositoryUrl</c>, <c>Site__PageCacheMegabytes</c>),
/// each parsed here and nowhere else, once, as the site starts: a bad value stops the start with a message naming
/// the setting. Here, in the lowest folder, because every folder above reads one of them.
/// </summary>
public sealed class SiteOptions
{
    public const string Section = "Site";

    public const int DefaultPageCacheMegabytes = 16;

    /// <summary>
    /// The origin learners use (<c>https://learn.example.org</c>), or null: scheme and host then come from each request.
    /// The site must be served at the root of its host: pages and Markdown links are root-relative, so a path (a path
    /// base) is refused rather than half supported.
    /// </summary>
    public Uri? PublicBaseUrl { get; set; }

    /// <summary>Where the content folder is edited (<c>https://github.com/org/repo/edit/main/content</c>), or null: no edit links.</summary>
    public Uri? RepositoryUrl { get; set; }

    /// <summary>Memory for rendered pages kept between requests: half for anonymous pages, half for learners' templates.</summary>
    public int PageCacheMegabytes { get; set; } = DefaultPageCacheMegabytes;

    /// <summary>Reads the section; throws <see cref="InvalidOperationException"/> naming the setting on a bad value.</summary>
    public static void Bind(SiteOptions options, IConfiguration configuration)
    {
        var site = configuration.GetSection(Section);
        options.PublicBaseUrl = PublicOrigin(site[nameof(PublicBaseUrl)]);
        options.RepositoryUrl = Repository(site[nameof(RepositoryUrl)]);
        options.PageCacheMegabytes = Megabytes(site[nameof(PageCacheMegabytes)]);
    }

    private static Uri? PublicOrigin(string? value)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https"))
        {
            throw new InvalidOperationException($"Site__PublicBaseUrl: `{value}` is not an absolute http or https URL.");
        }
        if (url.AbsolutePath != "/" || url.Query.Length > 0 || url.Fragment.Length > 0)
        {
            throw new InvalidOperationException($"Site__PublicBaseUrl: `{value}` has a path; the site must be served at the root of its host (no path base).");
        }
        return url;
    }

    /// <summary>Not an absolute http(s) URL: refused, rather than putting a broken or scripting link on every page.</summary>
    private static Uri? Repository(string? value)
    {
        if (value is not { Length: > 0 })
        {
            return null;
        }
        if (!Uri.TryCreate(value, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")
            || url.Query.Length > 0 || url.Fragment.Length > 0 || url.UserInfo.Length > 0)
        {
            throw new InvalidOperationException(
                $"Site__RepositoryUrl: `{value}` is not an absolute http or https URL without query, fragment or user name; " +
                "give the address where the content folder is edited, like https://github.com/org/repo/edit/main/content");
        }
        return url;
    }

    private static int Megabytes(string? value)
    {
        if (string.IsNullOrEmpty(value))
        {
            return DefaultPageCacheMegabytes;
        }
        return int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var megabytes)
            ? megabytes
            : throw new InvalidOperationException(
                $"Site__PageCacheMegabytes: `{value}` is not a whole number of megabytes (0 or more; 0 keeps no pages, the default is {DefaultPageCacheMegabytes}).");
    }
}
