using System.Text;
using System.Text.RegularExpressions;
using Lucene.Net.Analysis.En;
using Lucene.Net.Documents;
using Lucene.Net.Index;
using Lucene.Net.QueryParsers.Classic;
using Lucene.Net.Search;
using Lucene.Net.Search.Similarities;
using Lucene.Net.Store;
using Lucene.Net.Util;
using Microsoft.Data.Sqlite;
using TutorialSite.Web.Content;
using TutorialSite.Web.Content.Search;

namespace TutorialSite.Bench.Relevance;

/// <summary>
/// The peers' field weights (title, description and tags, headings, prose, code), fitted on the same judged set
/// as ours (<c>bench/relevance.sh fit-peers odin</c>), so that each is compared at its best.
/// </summary>
public static class PeerWeights
{
    // Started from 10, 5, 3, 1, 0.5 (the issue's FTS5 run, with headings and code added).
    public static readonly double[] Fts5 = [360, 5, 3, 0.25, 0.5];

    public static readonly double[] Lucene = [7.5, 0.156, 0.375, 3, 0.125];
}

/// <summary>A search engine under test: the ids (<c>course/slug</c>) of its best ten answers.</summary>
public interface IEngine : IDisposable
{
    string Name { get; }

    /// <param name="typo">The query is from the typo run: a peer may search it its fuzzy way.</param>
    IReadOnlyList<string> Search(string query, bool typo);
}

/// <summary>The same fields for every engine: title, description and tags, headings, prose, code (from <see cref="SearchText"/>).</summary>
public static class Fields
{
    public static IEnumerable<(string Id, string Title, string Description, string Headings, string Prose, string Code)> Of(ContentSnapshot content) =>
        content.Tutorials.Select(t => (t.Id.ToString(), t.Title, string.Join(' ', t.Tags.Prepend(t.Description ?? "")),
            t.SearchText.Headings, t.SearchText.Prose, t.SearchText.Code));
}

/// <summary>The site's own index, as the search page calls it (snippets included).</summary>
public sealed class OurEngine(ContentSnapshot content, SearchIndex index) : IEngine
{
    public OurEngine(ContentSnapshot content) : this(content, content.Search)
    {
    }

    public string Name => "TutorialSite";

    public IReadOnlyList<string> Search(string query, bool typo) =>
        [.. index.Search(query, limit: 10).Select(r => r.Tutorial.Id.ToString())];

    public void Dispose()
    {
    }

    internal ContentSnapshot Content => content;
}

/// <summary>main's index before this work (3f8c92e), for the before/after columns.</summary>
public sealed class MainEngine(ContentSnapshot content) : IEngine
{
    private readonly MainSearchIndex index = MainSearchIndex.Build(content);

    public string Name => "TutorialSite before (main 3f8c92e)";

    public IReadOnlyList<string> Search(string query, bool typo) =>
        [.. index.Search(query, limit: 10).Select(r => r.Tutorial.Id.ToString())];

    public void Dispose()
    {
    }
}

/// <summary>
/// SQLite FTS5 in memory, Porter stemming over unicode61, ranked by bm25 with field weights. All words must
/// match (FTS5's default); when nothing has them all, any word (what a site built on it would fall back to).
/// </summary>
public sealed partial class Fts5Engine : IEngine
{
    private readonly SqliteConnection connection = new("Data Source=:memory:");

    public Fts5Engine(ContentSnapshot content)
    {
        connection.Open();
        Execute("CREATE VIRTUAL TABLE t USING fts5(id UNINDEXED, title, description, headings, prose, code, tokenize = 'porter unicode61')");
        using var transaction = connection.BeginTransaction();
        using var insert = connection.CreateCommand();
        insert.CommandText = "INSERT INTO t VALUES ($id, $title, $description, $headings, $prose, $code)";
        foreach (var name in new[] { "$id", "$title", "$description", "$headings", "$prose", "$code" })
        {
            insert.Parameters.Add(name, SqliteType.Text);
        }
        foreach (var (id, title, description, headings, prose, code) in Fields.Of(content))
        {
            insert.Parameters["$id"].Value = id;
            insert.Parameters["$title"].Value = title;
            insert.Parameters["$description"].Value = description;
            insert.Parameters["$headings"].Value = headings;
            insert.Parameters["$prose"].Value = prose;
            insert.Parameters["$code"].Value = code;
            insert.ExecuteNonQuery();
        }
        transaction.Commit();
    }

    public string Name => "SQLite FTS5";

    /// <summary>bm25's column weights: title, description and tags, headings, prose, code (fitted on one set: <see cref="Fit"/>).</summary>
    public double[] Weights { get; set; } = [.. PeerWeights.Fts5];

    public IReadOnlyList<string> Search(string query, bool typo)
    {
        // Each word quoted (a phrase of the tokens FTS5 finds in it: `each_with_index` is three): FTS5's query
        // syntax (AND, NEAR, column filters, "-") never sees the learner's text.
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Where(w => Word().IsMatch(w)).Select(w => $"\"{w.Replace("\"", "\"\"", StringComparison.Ordinal)}\"").ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var all = Query(string.Join(" AND ", words));
        return all.Count > 0 ? all : Query(string.Join(" OR ", words));
    }

    private List<string> Query(string match)
    {
        using var command = connection.CreateCommand();
        command.CommandText = $"SELECT id FROM t WHERE t MATCH $match ORDER BY bm25(t, 0, {string.Join(", ", Weights.Select(w => w.ToString(System.Globalization.CultureInfo.InvariantCulture)))}) LIMIT 10";
        command.Parameters.AddWithValue("$match", match);
        using var reader = command.ExecuteReader();
        var ids = new List<string>();
        while (reader.Read())
        {
            ids.Add(reader.GetString(0));
        }
        return ids;
    }

    private void Execute(string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }

    public void Dispose() => connection.Dispose();

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}

/// <summary>
/// Lucene.NET in memory: English analyzer (stemming, stop words), BM25 similarity, the classic query parser over
/// the fields with boosts, any word matching (Lucene's default). The typo run searches every word as a fuzzy
/// query (<c>word~</c>, two edits), as Lucene's documentation suggests for misspellings.
/// </summary>
public sealed partial class LuceneEngine : IEngine
{
    private const LuceneVersion Version = LuceneVersion.LUCENE_48;
    private static readonly string[] FieldNames = ["title", "description", "headings", "prose", "code"];

    private readonly RAMDirectory directory = new();
    private readonly DirectoryReader reader;
    private readonly IndexSearcher searcher;
    private readonly EnglishAnalyzer analyzer = new(Version);
    private MultiFieldQueryParser parser = null!;

    public LuceneEngine(ContentSnapshot content)
    {
        var analyzer = new EnglishAnalyzer(Version);
        var config = new IndexWriterConfig(Version, analyzer) { Similarity = new BM25Similarity() };
        using (var writer = new IndexWriter(directory, config))
        {
            foreach (var (id, title, description, headings, prose, code) in Fields.Of(content))
            {
                writer.AddDocument(new Document
                {
                    new StringField("id", id, Field.Store.YES),
                    new TextField("title", title, Field.Store.NO),
                    new TextField("description", description, Field.Store.NO),
                    new TextField("headings", headings, Field.Store.NO),
                    new TextField("prose", prose, Field.Store.NO),
                    new TextField("code", code, Field.Store.NO),
                });
            }
            writer.Commit();
        }
        reader = DirectoryReader.Open(directory);
        searcher = new IndexSearcher(reader) { Similarity = new BM25Similarity() };
        Boosts = [.. PeerWeights.Lucene];
    }

    /// <summary>The fields' boosts: title, description and tags, headings, prose, code (fitted on one set: <see cref="Fit"/>).</summary>
    public double[] Boosts
    {
        get;
        set
        {
            field = value;
            parser = new MultiFieldQueryParser(Version, FieldNames, analyzer,
                FieldNames.Select((f, i) => (f, (float)value[i])).ToDictionary(x => x.f, x => x.Item2));
        }
    } = [];

    public string Name => "Lucene.NET";

    public IReadOnlyList<string> Search(string query, bool typo)
    {
        // Whitespace-separated words, escaped: the analyzer splits them as it indexed them.
        var words = query.Split(' ', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Where(w => Word().IsMatch(w)).ToList();
        if (words.Count == 0)
        {
            return [];
        }
        var text = new StringBuilder();
        foreach (var word in words)
        {
            text.Append(QueryParserBase.Escape(word)).Append(typo ? "~ " : " ");
        }
        var hits = searcher.Search(parser.Parse(text.ToString()), 10).ScoreDocs;
        return [.. hits.Select(h => searcher.Doc(h.Doc).Get("id", System.Globalization.CultureInfo.InvariantCulture))];
    }

    public void Dispose()
    {
        reader.Dispose();
        directory.Dispose();
        analyzer.Dispose();
    }

    [GeneratedRegex(@"[\p{L}\p{N}]+")]
    private static partial Regex Word();
}
