using System.Data.Common;
using System.Globalization;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Microsoft.EntityFrameworkCore;
using TutorialSite.Web.Content;
using TutorialSite.Web.Progress;

namespace TutorialSite.Web;

/// <summary>
/// <c>insights [--course SLUG] [--format csv|md|json] [--min-learners N]</c>: where learners get stuck, for editors.
/// Only aggregates leave the database: no learner id, cookie or time ever appears, and any count below
/// <c>--min-learners</c> (default 5) is printed as <c>&lt;5</c> (csv, md) or <c>null</c> (json), with the share
/// computed from it. Items are the content's as it is now, each counted under every identity it has had (former keys,
/// tutorial and course aliases); ticks and answers on items the content no longer has are reported apart, as retired.
/// </summary>
/// <remarks>
/// The content's items and their identities go into a temporary table first; then each report is one grouped query
/// over the ticks (and reviews), joined with it (docs/benchmarks.md, "Insights").
/// </remarks>
public static class Insights
{
    public const string Usage = "Usage: insights [--course SLUG] [--format csv|md|json] [--min-learners N]";

    /// <summary>What <c>--format</c> takes.</summary>
    public static IReadOnlyList<string> Formats { get; } = ["csv", "md", "json"];

    public static async Task<int> RunAsync(IServiceProvider services, string[] args, TextWriter output, TextWriter error)
    {
        if (Parse(args) is not { } options)
        {
            await error.WriteLineAsync(Usage);
            return 2;
        }
        // A verb runs without the host: it loads the content itself.
        var snapshot = services.GetRequiredService<ContentLoading>().LoadFirst();
        var courses = options.Course is null ? snapshot.Courses : snapshot.FindCourse(options.Course) is { } one ? [one] : [];
        if (courses.Count == 0)
        {
            await error.WriteLineAsync($"Insights failed: there is no course `{options.Course}`. Courses: {string.Join(", ", snapshot.Courses.Select(c => c.Slug))}.");
            return 1;
        }
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<ProgressDbContext>();
        try
        {
            if ((await db.Database.GetPendingMigrationsAsync()).Any())
            {
                await error.WriteLineAsync("Insights failed: the progress database is not migrated; run `migrate` first.");
                return 1;
            }
            var report = await ReadAsync(db, snapshot, courses, options.Explain ? error : null);
            await output.WriteAsync(options.Format switch
            {
                "md" => Markdown(report, options.MinLearners),
                "json" => Json(report, options.MinLearners),
                _ => Csv(report, options.MinLearners),
            });
            return 0;
        }
        catch (DbException e)
        {
            await error.WriteLineAsync($"Insights failed: the progress database could not be read: {e.Message}");
            return 1;
        }
    }

    /// <param name="Explain">Also write each query's plan to the error output (bench/insights/run.sh records them).</param>
    public sealed record Options(string? Course, string Format, int MinLearners, bool Explain = false);

    /// <summary>The arguments, or null when they do not make sense (the usage is printed).</summary>
    public static Options? Parse(string[] args)
    {
        var options = new Options(null, "csv", 5);
        for (var i = 0; i < args.Length; i++)
        {
            var value = i + 1 < args.Length ? args[i + 1] : null;
            if (args[i] == "--explain")
            {
                options = options with { Explain = true };
                continue;
            }
            switch (args[i])
            {
                case "--course" when value is { Length: > 0 }:
                    options = options with { Course = value };
                    break;
                case "--format" when value is not null && Formats.Contains(value):
                    options = options with { Format = value };
                    break;
                case "--min-learners" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out var min) && min >= 1:
                    options = options with { MinLearners = min };
                    break;
                default:
                    return null;
            }
            i++;
        }
        return options;
    }

    /// <summary>What the database says about each item, tutorial and retired identity: counts only.</summary>
    public sealed record Report(IReadOnlyList<CourseRow> Courses, IReadOnlyList<RetiredRow> Retired);

    public sealed record CourseRow(Course Course, IReadOnlyList<TutorialRow> Tutorials);

    /// <param name="Started">Learners who ticked anything in it.</param>
    /// <param name="Finished">Learners who ticked every item it has now.</param>
    /// <param name="Histogram">Learners by how many of its items they ticked (1..items).</param>
    public sealed record TutorialRow(Tutorial Tutorial, IReadOnlyList<ItemRow> Items, long Started, long Finished, IReadOnlyDictionary<int, long> Histogram)
    {
        /// <summary>The median number of items ticked by the learners who started it.</summary>
        public double? Median
        {
            get
            {
                if (Started == 0)
                {
                    return null;
                }
                double At(long rank)
                {
                    long seen = 0;
                    foreach (var (n, count) in Histogram.OrderBy(h => h.Key))
                    {
                        seen += count;
                        if (seen >= rank)
                        {
                            return n;
                        }
                    }
                    return Histogram.Keys.Max();
                }
                return Started % 2 == 1 ? At((Started + 1) / 2) : (At(Started / 2) + At((Started / 2) + 1)) / 2;
            }
        }
    }

    public sealed record ItemRow(ChecklistEntry Item, string Section, long LearnersTicked, long StillTrue, long NotAnymore);

    public sealed record RetiredRow(string Course, string Tutorial, string Key, long LearnersTicked, long StillTrue, long NotAnymore);

    /// <summary>Each report's grouped query, as run on both providers (docs/benchmarks.md shows their plans).</summary>
    public const string ItemsQuery = """
        SELECT item_no, SUM(learners), SUM(still_true), SUM(not_anymore) FROM (
            SELECT m.item_no, COUNT(DISTINCT t."LearnerId") AS learners, 0 AS still_true, 0 AS not_anymore
            FROM "Ticks" t JOIN insight_keys m ON m.course = t."CourseSlug" AND m.tutorial = t."TutorialSlug" AND m.item_key = t."ItemKey"
            GROUP BY m.item_no
            UNION ALL
            SELECT m.item_no, 0, SUM(r."StillTrue"), SUM(r."NotAnymore")
            FROM "Reviews" r JOIN insight_keys m ON m.course = r."CourseSlug" AND m.tutorial = r."TutorialSlug" AND m.item_key = r."ItemKey"
            GROUP BY m.item_no) x
        GROUP BY item_no
        """;

    public const string TutorialsQuery = """
        SELECT tutorial_no, items, COUNT(*) FROM (
            SELECT m.tutorial_no, COUNT(DISTINCT m.item_no) AS items
            FROM "Ticks" t JOIN insight_keys m ON m.course = t."CourseSlug" AND m.tutorial = t."TutorialSlug" AND m.item_key = t."ItemKey"
            GROUP BY t."LearnerId", m.tutorial_no) x
        GROUP BY tutorial_no, items
        """;

    public const string RetiredQuery = """
        SELECT course, tutorial, item_key, SUM(learners), SUM(still_true), SUM(not_anymore) FROM (
            SELECT t."CourseSlug" AS course, t."TutorialSlug" AS tutorial, t."ItemKey" AS item_key, COUNT(*) AS learners, 0 AS still_true, 0 AS not_anymore
            FROM "Ticks" t LEFT JOIN all_keys m ON m.course = t."CourseSlug" AND m.tutorial = t."TutorialSlug" AND m.item_key = t."ItemKey"
            WHERE m.item_no IS NULL
            GROUP BY t."CourseSlug", t."TutorialSlug", t."ItemKey"
            UNION ALL
            SELECT r."CourseSlug", r."TutorialSlug", r."ItemKey", 0, SUM(r."StillTrue"), SUM(r."NotAnymore")
            FROM "Reviews" r LEFT JOIN all_keys m ON m.course = r."CourseSlug" AND m.tutorial = r."TutorialSlug" AND m.item_key = r."ItemKey"
            WHERE m.item_no IS NULL
            GROUP BY r."CourseSlug", r."TutorialSlug", r."ItemKey") x
        GROUP BY course, tutorial, item_key
        ORDER BY course, tutorial, item_key
        """;

    /// <summary>Every item of <paramref name="courses"/> in content order, with every identity its ticks may have.</summary>
    public static IReadOnlyList<(Tutorial Tutorial, ChecklistEntry Item, string Section, IReadOnlyList<TutorialId> Ids)> Items(ContentSnapshot snapshot, IEnumerable<Course> courses) =>
        [.. courses.SelectMany(c => c.Tutorials).SelectMany(t => t.Sections.Where(s => s.IsChecklist)
            .SelectMany(s => s.Items.Select(i => (t, i, s.Kind == SectionKind.Takeaways ? "takeaway" : "task", snapshot.IdentitiesOf(t)))))];

    /// <param name="plans">Where to write each query's plan (PostgreSQL's with ANALYZE: the query runs twice), or null.</param>
    public static async Task<Report> ReadAsync(ProgressDbContext db, ContentSnapshot snapshot, IReadOnlyList<Course> courses, TextWriter? plans = null)
    {
        var items = Items(snapshot, courses);
        var tutorials = items.Select(i => i.Tutorial).Distinct().ToList();
        var tutorialNo = tutorials.Select((t, n) => (t, n)).ToDictionary(x => x.t, x => x.n);
        var connection = db.Database.GetDbConnection();
        await db.Database.OpenConnectionAsync();
        try
        {
            // The report's items, and (for what counts as retired) every course's: a tick on another course's item is not retired.
            await FillAsync(connection, "insight_keys", items.Select((i, n) => (i, n)).SelectMany(x =>
                x.i.Ids.SelectMany(id => x.i.Item.AllKeys.Select(key => (id.Course, id.Slug, key, tutorialNo[x.i.Tutorial], x.n)))));
            await FillAsync(connection, "all_keys", Items(snapshot, snapshot.Courses).SelectMany(i =>
                i.Ids.SelectMany(id => i.Item.AllKeys.Select(key => (id.Course, id.Slug, key, 0, 0)))));
            if (!db.Database.IsSqlite())
            {
                // Temporary tables are never analysed by autovacuum: without statistics the planner guesses badly.
                await ExecuteAsync(connection, "ANALYZE insight_keys; ANALYZE all_keys");
            }
            if (plans is not null)
            {
                foreach (var (name, sql) in new[] { ("items", ItemsQuery), ("tutorials", TutorialsQuery), ("retired", RetiredQuery) })
                {
                    await plans.WriteLineAsync($"-- {name}");
                    var explain = db.Database.IsSqlite() ? "EXPLAIN QUERY PLAN " : "EXPLAIN (ANALYZE, COSTS OFF, TIMING OFF) ";
                    await ReadAsync(connection, explain + sql, r => plans.WriteLine(db.Database.IsSqlite() ? $"{r.GetValue(0)} {r.GetValue(1)} {r.GetValue(3)}" : r.GetString(0)));
                    var started = System.Diagnostics.Stopwatch.GetTimestamp();
                    await ReadAsync(connection, sql, _ => { });
                    await plans.WriteLineAsync(string.Create(CultureInfo.InvariantCulture, $"-- {name}: {System.Diagnostics.Stopwatch.GetElapsedTime(started).TotalSeconds:0.00} s"));
                }
            }
            var perItem = new Dictionary<int, (long Learners, long StillTrue, long NotAnymore)>();
            await ReadAsync(connection, ItemsQuery, r => perItem[r.GetInt32(0)] = (Long(r, 1), Long(r, 2), Long(r, 3)));
            var histograms = tutorials.Select(_ => new Dictionary<int, long>()).ToList();
            await ReadAsync(connection, TutorialsQuery, r => histograms[r.GetInt32(0)][Convert.ToInt32(r.GetValue(1), CultureInfo.InvariantCulture)] = Long(r, 2));
            var courseIds = courses.SelectMany(c => c.Aliases.Prepend(c.Slug)).ToHashSet(StringComparer.Ordinal);
            var retired = new List<RetiredRow>();
            await ReadAsync(connection, RetiredQuery, r =>
            {
                if (courseIds.Contains(r.GetString(0)))
                {
                    retired.Add(new(r.GetString(0), r.GetString(1), r.GetString(2), Long(r, 3), Long(r, 4), Long(r, 5)));
                }
            });
            await ExecuteAsync(connection, "DROP TABLE insight_keys; DROP TABLE all_keys");

            var itemRows = items.Select((i, n) =>
            {
                var counts = perItem.GetValueOrDefault(n);
                return new ItemRow(i.Item, i.Section, counts.Learners, counts.StillTrue, counts.NotAnymore);
            }).ToList();
            var rowsByTutorial = items.Select((i, n) => (i.Tutorial, Row: itemRows[n])).GroupBy(x => x.Tutorial).ToDictionary(g => g.Key, g => g.Select(x => x.Row).ToList());
            return new Report(
                [.. courses.Select(c => new CourseRow(c, [.. c.Tutorials.Where(tutorialNo.ContainsKey).Select(t =>
                {
                    var histogram = histograms[tutorialNo[t]];
                    return new TutorialRow(t, rowsByTutorial[t], histogram.Values.Sum(), histogram.GetValueOrDefault(t.ChecklistItems.Count), histogram);
                })]))],
                retired);
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

    private static long Long(DbDataReader reader, int column) => reader.IsDBNull(column) ? 0 : Convert.ToInt64(reader.GetValue(column), CultureInfo.InvariantCulture);

    /// <summary>A temporary table of identities, filled 200 rows a statement (well under either provider's parameter limit).</summary>
    private static async Task FillAsync(DbConnection connection, string table, IEnumerable<(string Course, string Tutorial, string Key, int TutorialNo, int ItemNo)> rows)
    {
        await ExecuteAsync(connection, $"""
            DROP TABLE IF EXISTS {table};
            CREATE TEMPORARY TABLE {table} (course text NOT NULL, tutorial text NOT NULL, item_key text NOT NULL,
                tutorial_no integer NOT NULL, item_no integer NOT NULL, PRIMARY KEY (course, tutorial, item_key))
            """);
        // An identity claimed twice (a key reused across aliases) is counted for the first item that claims it.
        foreach (var chunk in rows.DistinctBy(r => (r.Course, r.Tutorial, r.Key)).Chunk(200))
        {
            await using var command = connection.CreateCommand();
            var values = new StringBuilder();
            for (var i = 0; i < chunk.Length; i++)
            {
                values.Append(i == 0 ? "" : ", ").Append(CultureInfo.InvariantCulture, $"(@c{i}, @t{i}, @k{i}, {chunk[i].TutorialNo}, {chunk[i].ItemNo})");
                Add(command, $"c{i}", chunk[i].Course);
                Add(command, $"t{i}", chunk[i].Tutorial);
                Add(command, $"k{i}", chunk[i].Key);
            }
            command.CommandText = $"INSERT INTO {table} (course, tutorial, item_key, tutorial_no, item_no) VALUES {values}";
            await command.ExecuteNonQueryAsync();
        }
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var parameter = command.CreateParameter();
        parameter.ParameterName = "@" + name;
        parameter.DbType = System.Data.DbType.String;
        parameter.Value = value;
        command.Parameters.Add(parameter);
    }

    private static async Task ExecuteAsync(DbConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync();
    }

    private static async Task ReadAsync(DbConnection connection, string sql, Action<DbDataReader> row)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.CommandTimeout = 600;
        await using var reader = await command.ExecuteReaderAsync();
        while (await reader.ReadAsync())
        {
            row(reader);
        }
    }

    // --- Output: every count goes through Count (suppressed below the threshold), every share through Share. ---

    private static string Count(long count, int min) => count < min ? $"<{min}" : count.ToString(CultureInfo.InvariantCulture);

    private static long? JsonCount(long count, int min) => count < min ? null : count;

    /// <summary>A share, suppressed with either of its counts.</summary>
    private static double? Share(long part, long whole, int min) => part < min || whole < min ? null : Math.Round((double)part / whole, 2);

    private static string ShareText(double? share, int min) => share is null ? $"<{min}" : Text(share);

    private static string Text(double? value) => value?.ToString("0.##", CultureInfo.InvariantCulture) ?? "";

    public static string Csv(Report report, int min)
    {
        var csv = new StringBuilder("course,tutorial,key,section,text,learners_ticked,share_of_visitors,still_true,not_anymore\n");
        foreach (var course in report.Courses)
        {
            foreach (var tutorial in course.Tutorials)
            {
                foreach (var item in tutorial.Items)
                {
                    var share = Share(item.LearnersTicked, tutorial.Started, min);
                    csv.AppendJoin(',', Field(course.Course.Slug), Field(tutorial.Tutorial.Slug), Field(item.Item.Key), item.Section, Field(item.Item.Text),
                        Count(item.LearnersTicked, min), ShareText(share, min),
                        Count(item.StillTrue, min), Count(item.NotAnymore, min)).Append('\n');
                }
            }
        }
        // Retired identities last, apart: section "retired", no text (the content no longer has it).
        foreach (var retired in report.Retired)
        {
            csv.AppendJoin(',', Field(retired.Course), Field(retired.Tutorial), Field(retired.Key), "retired", "",
                Count(retired.LearnersTicked, min), "", Count(retired.StillTrue, min), Count(retired.NotAnymore, min)).Append('\n');
        }
        return csv.ToString();
    }

    /// <summary>RFC 4180: quoted when it holds a comma, quote or line break.</summary>
    private static string Field(string value) =>
        value.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? $"\"{value.Replace("\"", "\"\"", StringComparison.Ordinal)}\"" : value;

    public static string Markdown(Report report, int min)
    {
        var md = new StringBuilder("# Insights\n\n");
        md.Append(CultureInfo.InvariantCulture, $"Counts below {min} learners are shown as `<{min}`, with the share computed from them. Learners are counted, never named.\n");
        foreach (var course in report.Courses)
        {
            md.Append(CultureInfo.InvariantCulture, $"\n## {Cell(course.Course.Title)} (`{course.Course.Slug}`)\n\n### Where the course loses learners\n\n");
            md.Append("| # | Tutorial | Learners who ticked anything |\n|---:|---|---:|\n");
            foreach (var (tutorial, k) in course.Tutorials.Select((t, k) => (t, k + 1)))
            {
                md.Append(CultureInfo.InvariantCulture, $"| {k} | {Cell(tutorial.Tutorial.Title)} | {Count(tutorial.Started, min)} |\n");
            }
            foreach (var tutorial in course.Tutorials)
            {
                md.Append(CultureInfo.InvariantCulture, $"\n### {Cell(tutorial.Tutorial.Title)} (`{tutorial.Tutorial.Slug}`)\n\n");
                md.Append(CultureInfo.InvariantCulture, $"Started: {Count(tutorial.Started, min)} · finished every item: {Count(tutorial.Finished, min)} · median items ticked: {(tutorial.Started < min ? $"<{min} learners" : Text(tutorial.Median))} of {tutorial.Items.Count}\n\n");
                md.Append("| Section | Key | Item | Ticked | Share | Still true | Not anymore |\n|---|---|---|---:|---:|---:|---:|\n");
                foreach (var item in tutorial.Items)
                {
                    var share = Share(item.LearnersTicked, tutorial.Started, min);
                    md.Append(CultureInfo.InvariantCulture, $"| {item.Section} | `{item.Item.Key}` | {Cell(item.Item.Text)} | {Count(item.LearnersTicked, min)} | {ShareText(share, min)} | {Count(item.StillTrue, min)} | {Count(item.NotAnymore, min)} |\n");
                }
            }
        }
        md.Append("\n## Retired items\n\nTicks and review answers on keys the content no longer has (removed or replaced without `was`).\n\n");
        if (report.Retired.Count == 0)
        {
            md.Append("None.\n");
            return md.ToString();
        }
        md.Append("| Course | Tutorial | Key | Ticked | Still true | Not anymore |\n|---|---|---|---:|---:|---:|\n");
        foreach (var retired in report.Retired)
        {
            md.Append(CultureInfo.InvariantCulture, $"| `{retired.Course}` | `{retired.Tutorial}` | `{retired.Key}` | {Count(retired.LearnersTicked, min)} | {Count(retired.StillTrue, min)} | {Count(retired.NotAnymore, min)} |\n");
        }
        return md.ToString();
    }

    private static string Cell(string text) => text.Replace("|", "\\|", StringComparison.Ordinal).ReplaceLineEndings(" ");

    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    public static string Json(Report report, int min) =>
        new JsonObject
        {
            ["minLearners"] = min,
            ["courses"] = new JsonArray([.. report.Courses.Select(course => (JsonNode)new JsonObject
            {
                ["slug"] = course.Course.Slug,
                ["title"] = course.Course.Title,
                ["dropOff"] = new JsonArray([.. course.Tutorials.Select(t => (JsonNode)new JsonObject { ["tutorial"] = t.Tutorial.Slug, ["learners"] = JsonCount(t.Started, min) })]),
                ["tutorials"] = new JsonArray([.. course.Tutorials.Select(t => (JsonNode)new JsonObject
                {
                    ["slug"] = t.Tutorial.Slug,
                    ["title"] = t.Tutorial.Title,
                    ["items"] = t.Items.Count,
                    ["started"] = JsonCount(t.Started, min),
                    ["finished"] = JsonCount(t.Finished, min),
                    ["medianItemsTicked"] = t.Started < min ? null : t.Median,
                    ["checklist"] = new JsonArray([.. t.Items.Select(i => (JsonNode)new JsonObject
                    {
                        ["key"] = i.Item.Key,
                        ["section"] = i.Section,
                        ["text"] = i.Item.Text,
                        ["learnersTicked"] = JsonCount(i.LearnersTicked, min),
                        ["shareOfVisitors"] = Share(i.LearnersTicked, t.Started, min),
                        ["stillTrue"] = JsonCount(i.StillTrue, min),
                        ["notAnymore"] = JsonCount(i.NotAnymore, min),
                    })]),
                })]),
            })]),
            ["retired"] = new JsonArray([.. report.Retired.Select(r => (JsonNode)new JsonObject
            {
                ["course"] = r.Course,
                ["tutorial"] = r.Tutorial,
                ["key"] = r.Key,
                ["learnersTicked"] = JsonCount(r.LearnersTicked, min),
                ["stillTrue"] = JsonCount(r.StillTrue, min),
                ["notAnymore"] = JsonCount(r.NotAnymore, min),
            })]),
        }.ToJsonString(Indented) + "\n";
}
