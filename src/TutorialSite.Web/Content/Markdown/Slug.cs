using System.Text;
using System.Text.RegularExpressions;

namespace TutorialSite.Web.Content.Markdown;

/// <summary>Lower-case, dash-separated identifiers for URLs and checklist keys.</summary>
public static partial class Slug
{
    /// <summary>What a valid slug or key looks like: <c>images-vs-containers</c>.</summary>
    public static bool IsValid(string value) => value.Length is > 0 and <= 80 && Pattern().IsMatch(value);

    /// <summary>Derives a slug from text: ASCII letters and digits kept, everything else a single dash.</summary>
    public static string From(string text, int maxLength = 60)
    {
        var slug = new StringBuilder(Math.Min(text.Length, maxLength));
        foreach (var c in text.Normalize(NormalizationForm.FormD))
        {
            if (char.IsAsciiLetterOrDigit(c))
            {
                slug.Append(char.ToLowerInvariant(c));
            }
            else if (char.GetUnicodeCategory(c) != System.Globalization.UnicodeCategory.NonSpacingMark && slug.Length > 0 && slug[^1] != '-')
            {
                slug.Append('-');
            }
        }
        var result = slug.ToString().Trim('-');
        if (result.Length > maxLength)
        {
            // Cut at a word boundary so the key stays readable.
            var cut = result.LastIndexOf('-', maxLength);
            result = result[..(cut > maxLength / 2 ? cut : maxLength)].Trim('-');
        }
        return result;
    }

    [GeneratedRegex("^[a-z0-9]+(?:-[a-z0-9]+)*$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
