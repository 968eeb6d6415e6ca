using TutorialSite.Web.Content.Search;

namespace TutorialSite.Web.Pages;

/// <summary>The search page's one announced line: what the search found, in words.</summary>
public static class SearchStatus
{
    /// <param name="cut">Whether the query was cut to <see cref="SearchIndex.MaxQueryLength"/> characters.</param>
    public static string Describe(SearchResults results, string query, bool cut)
    {
        // Near spellings searched are said in the announced line too, with the words as typed.
        var searched = results.CorrectedQuery is { } corrected ? $"“{corrected}” (instead of “{query}”)" : $"“{query}”";
        return (cut ? $"Only the first {SearchIndex.MaxQueryLength} characters were searched. " : "") + results.Count switch
        {
            0 => $"No tutorial matches {searched}. Try fewer or other words.",
            1 => $"1 result for {searched}.",
            SearchIndex.MaxResults => $"The {SearchIndex.MaxResults} best results for {searched}.",
            var count => $"{count} results for {searched}.",
        };
    }
}
