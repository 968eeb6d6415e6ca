using System.Collections.Concurrent;
using System.Diagnostics;
using System.Reflection;
using System.Text;
using System.Text.RegularExpressions;
using Markdig.Syntax;
using TextMateSharp.Grammars;
using TextMateSharp.Internal.Grammars.Reader;
using TextMateSharp.Internal.Types;
using TextMateSharp.Registry;
using TextMateSharp.Themes;

namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// Turns a code block into HTML spans with token classes (<see cref="TokenClasses"/>), with TextMate grammars run by
/// TextMateSharp and its Oniguruma binding. Costly (from 0.05 ms a shell line to over 1 ms a dense JavaScript one),
/// so it runs once per distinct block: results are kept in <see cref="Cache"/>, by grammar and code, across reloads
/// and (in the data folder) across restarts and new builds. A load may also defer it (<see cref="Defer"/>): blocks
/// not in the cache are then shown plain and queued, and <see cref="HighlightPending"/> does the work later.
/// </summary>
public static partial class CodeHighlighter
{
    /// <summary>
    /// A block's tokenizing stops after this (hostile input, a pathological grammar): the rest of the line it was on,
    /// and every line after it, are plain, and the block is not cached (the next load tries again). Generous, because
    /// it is wall-clock time and a grammar's regexes are compiled as its first block uses them: on a busy machine a
    /// first C# block took over a second.
    /// </summary>
    public static readonly TimeSpan BlockBudget = TimeSpan.FromSeconds(3);

    /// <summary>Longer lines (minified code, data) are shown plain, as editors do: regexes over them cost too much.</summary>
    public const int LongestLine = 4_000;

    /// <summary>Highlighted blocks by grammar and code (see <see cref="HighlightCache"/>).</summary>
    public static HighlightCache Cache { get; } = new(CacheVersion());

    /// <summary>
    /// How much highlighting a deferring load still does itself before it queues the rest: a small site (the sample
    /// content: under 0.1 s) starts highlighted; at 2,000 tutorials (seconds of work) the start stays within its budget.
    /// </summary>
    public static readonly TimeSpan DeferAfter = TimeSpan.FromMilliseconds(300);

    private sealed class Deferral(TimeSpan budget)
    {
        public readonly long BudgetTicks = budget.Ticks;
        public long SpentTicks;
    }

    private static readonly AsyncLocal<Deferral?> Deferring = new();
    private static readonly ConcurrentDictionary<UInt128, (string Scope, string Code)> Pending = new();

    /// <summary>
    /// Registries and their compiled grammars are not safe for two threads at once: each thread rents one (a pool
    /// rather than one per thread, so the thread pool's threads do not each compile every grammar).
    /// </summary>
    private static readonly ConcurrentBag<Registry> Registries = [];

    /// <summary>Bumped by <see cref="ReleaseGrammars"/>: a registry rented before it is not given back.</summary>
    private static int registryGeneration;

    /// <summary>
    /// Drops every registry and its compiled grammars (managed rule trees and Oniguruma's native regexes, which their
    /// finalizers free): tens of MB that only a load with new code needs. The next block to highlight compiles its
    /// grammar again (milliseconds), so the site calls this once a load's highlighting is done.
    /// </summary>
    public static void ReleaseGrammars()
    {
        Interlocked.Increment(ref registryGeneration);
        Registries.Clear();
    }

    /// <summary>
    /// The highlighted HTML of <paramref name="code"/> (the inside of <c>&lt;code&gt;</c>, one line per line, each
    /// ending in a newline), or null when it is not in the cache and this load defers highlighting.
    /// </summary>
    public static string? Highlight(string scope, string code)
    {
        if (Skipping.Value)
        {
            return null;
        }
        var key = HighlightCache.KeyOf(scope, code);
        if (Cache.TryGet(key, out var html))
        {
            return html;
        }
        var deferral = Deferring.Value;
        if (deferral is not null && Interlocked.Read(ref deferral.SpentTicks) >= deferral.BudgetTicks)
        {
            Pending.TryAdd(key, (scope, code));
            return null;
        }
        var started = Stopwatch.GetTimestamp();
        (html, var complete) = Tokenize(scope, code);
        if (deferral is not null)
        {
            Interlocked.Add(ref deferral.SpentTicks, Stopwatch.GetElapsedTime(started).Ticks);
        }
        if (complete)
        {
            Cache.Add(key, html);
        }
        return html;
    }

    /// <summary>
    /// Until disposed, blocks of this flow of execution (the parallel parse of a load included) that are not in the
    /// cache are queued instead of highlighted, once <paramref name="after"/> (default <see cref="DeferAfter"/>) of
    /// highlighting is spent: a first start serves plain code at once rather than waiting seconds.
    /// </summary>
    public static IDisposable Defer(TimeSpan? after = null)
    {
        Deferring.Value = new Deferral(after ?? DeferAfter);
        return new EndDeferring();
    }

    private static readonly AsyncLocal<bool> Skipping = new();

    /// <summary>
    /// Until disposed, this flow of execution (the parallel parse of a load included) writes every block plain and
    /// highlights nothing: <c>check</c> reads what the content renders to (ids, links, problems), never the colours,
    /// and would otherwise tokenize every block of the site without a cache to keep it.
    /// </summary>
    public static IDisposable Skip()
    {
        Skipping.Value = true;
        return new EndSkipping();
    }

    /// <summary>Whether this flow of execution writes code plain on purpose (<see cref="Skip"/>).</summary>
    public static bool IsSkipping => Skipping.Value;

    private sealed class EndSkipping : IDisposable
    {
        public void Dispose() => Skipping.Value = false;
    }

    private static readonly object DeferredKey = typeof(CodeHighlighter);

    /// <summary>Notes on the block's document that one of its blocks was written plain because highlighting is deferred.</summary>
    internal static void MarkDeferred(Block block)
    {
        Block root = block;
        while (root.Parent is { } parent)
        {
            root = parent;
        }
        root.SetData(DeferredKey, true);
    }

    /// <summary>Whether a block of <paramref name="document"/> was written plain because highlighting was deferred.</summary>
    public static bool WasDeferred(MarkdownDocument document) => document.GetData(DeferredKey) is true;

    /// <summary>Whether blocks wait to be highlighted (then a reload after <see cref="HighlightPending"/> shows them).</summary>
    public static bool HasPending => !Pending.IsEmpty;

    /// <summary>
    /// Highlights queued blocks of one language (the first queued block's) into the cache, on the calling thread, at
    /// most <paramref name="limit"/> of them (the rest stay queued); returns how many were highlighted. One language a
    /// call: between calls the caller can drop that language's grammars (<see cref="ReleaseGrammars"/>) before the next
    /// one's are compiled, rather than hold every queued language's at once.
    /// </summary>
    public static int HighlightPending(int limit = int.MaxValue, CancellationToken cancellationToken = default)
    {
        var done = 0;
        var taken = 0;
        string? language = null;
        foreach (var (key, (scope, code)) in Pending)
        {
            cancellationToken.ThrowIfCancellationRequested();
            language ??= scope;
            if (scope != language)
            {
                continue;
            }
            if (taken++ == limit)
            {
                break;
            }
            if (!Cache.Contains(key) && Tokenize(scope, code) is (var html, true))
            {
                Cache.Add(key, html);
                done++;
            }
            Pending.TryRemove(key, out _);
        }
        return done;
    }

    private sealed class EndDeferring : IDisposable
    {
        public void Dispose() => Deferring.Value = null;
    }

    /// <summary>The block's HTML, and whether it was highlighted whole (within <see cref="BlockBudget"/>).</summary>
    private static (string Html, bool Complete) Tokenize(string scope, string code)
    {
        var generation = Volatile.Read(ref registryGeneration);
        if (!Registries.TryTake(out var registry))
        {
            registry = new Registry(new GrammarSource());
        }
        try
        {
            // TextMateSharp loads the grammars another includes from its patterns, not from its captures (the
            // shell session's commands): load those first, or a fresh registry leaves the commands plain.
            foreach (var embedded in GrammarSource.EmbeddedIn(scope))
            {
                registry.LoadGrammar(embedded);
            }
            return registry.LoadGrammar(scope) is { } grammar ? Tokenize(grammar, code) : (Plain(code), true);
        }
        finally
        {
            if (generation == Volatile.Read(ref registryGeneration))
            {
                Registries.Add(registry);
            }
        }
    }

    private static (string Html, bool Complete) Tokenize(IGrammar grammar, string code)
    {
        var complete = true;
        var html = new StringBuilder(code.Length * 3);
        var started = Stopwatch.GetTimestamp();
        IStateStack? state = null;
        var lines = code.Split('\n');
        // Markdig's lines end in a newline each; a split leaves one empty string after the last.
        var count = lines.Length > 0 && lines[^1].Length == 0 ? lines.Length - 1 : lines.Length;
        for (var n = 0; n < count; n++)
        {
            var line = lines[n].TrimEnd('\r');
            var left = BlockBudget - Stopwatch.GetElapsedTime(started);
            if (line.Length > LongestLine || left <= TimeSpan.Zero)
            {
                complete &= line.Length > LongestLine;
                Escape(html, line);
            }
            else
            {
                var result = grammar.TokenizeLine(line, state, left);
                state = result.RuleStack;
                var written = 0;
                string? open = null;
                foreach (var token in result.Tokens)
                {
                    var start = Math.Min(token.StartIndex, line.Length);
                    var end = Math.Min(token.EndIndex, line.Length);
                    if (end <= start || start < written)
                    {
                        continue;
                    }
                    var text = line.AsSpan(start, end - start);
                    open = Span(html, open, TokenClasses.Of(token.Scopes, text), text);
                    written = end;
                }
                Close(html, open);
                if (written < line.Length)
                {
                    // The tokens stop short of the line's end only when it stopped early (BlockBudget): the rest is plain.
                    complete = false;
                    Escape(html, line.AsSpan(written));
                }
            }
            html.Append('\n');
        }
        return (html.ToString(), complete);
    }

    /// <summary>
    /// Writes a token, continuing the span left open when it is of the same class (a string's quotes and its text
    /// become one span: smaller pages); returns the class now open.
    /// </summary>
    private static string? Span(StringBuilder html, string? open, string? kind, ReadOnlySpan<char> text)
    {
        if (kind != open)
        {
            Close(html, open);
            if (kind is not null)
            {
                html.Append("<span class=\"tok-").Append(kind).Append("\">");
            }
        }
        Escape(html, text);
        return kind;
    }

    private static void Close(StringBuilder html, string? open)
    {
        if (open is not null)
        {
            html.Append("</span>");
        }
    }

    /// <summary>Code shown as it is, escaped (a grammar that could not be loaded).</summary>
    private static string Plain(string code)
    {
        var html = new StringBuilder(code.Length + 16);
        Escape(html, code);
        return html.ToString();
    }

    private static void Escape(StringBuilder html, ReadOnlySpan<char> text)
    {
        foreach (var c in text)
        {
            _ = c switch
            {
                '<' => html.Append("&lt;"),
                '>' => html.Append("&gt;"),
                '&' => html.Append("&amp;"),
                '"' => html.Append("&quot;"),
                _ => html.Append(c),
            };
        }
    }

    /// <summary>
    /// What the cached HTML depends on besides the code: this class's markup (<see cref="MarkupVersion"/>), the token
    /// rules, the libraries and the added grammar files. Not the site's build: a new build keeps the highlighted blocks.
    /// </summary>
    private static string CacheVersion()
    {
        var parts = new StringBuilder(MarkupVersion);
        foreach (var (scope, kind) in TokenClasses.Rules.OrderBy(r => r.Key, StringComparer.Ordinal))
        {
            parts.Append('|').Append(scope).Append('=').Append(kind);
        }
        foreach (var assembly in new[] { typeof(Registry).Assembly, typeof(RegistryOptions).Assembly })
        {
            parts.Append('|').Append(assembly.GetCustomAttribute<AssemblyInformationalVersionAttribute>()?.InformationalVersion);
        }
        foreach (var name in GrammarSource.AddedGrammarResources.Order(StringComparer.Ordinal))
        {
            using var stream = typeof(CodeHighlighter).Assembly.GetManifestResourceStream(name)!;
            parts.Append('|').Append(name).Append('=').Append(Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(stream)));
        }
        parts.Append("|line=").Append(LongestLine);
        return Convert.ToHexString(System.Security.Cryptography.SHA256.HashData(Encoding.UTF8.GetBytes(parts.ToString())));
    }

    /// <summary>Change it whenever the HTML written for a token changes: cached blocks of another version are dropped.</summary>
    private const string MarkupVersion = "tok-spans-1";

    /// <summary>
    /// TextMateSharp.Grammars' grammars (VS Code's), and the ones it lacks from <c>Grammars/</c> (embedded; from the
    /// npm package <c>tm-grammars</c>, see Grammars/NOTICE.md).
    /// </summary>
    private sealed partial class GrammarSource : IRegistryOptions
    {
        /// <summary>Scope → embedded resource of the added grammars.</summary>
        private static readonly Dictionary<string, string> Added = new(StringComparer.Ordinal)
        {
            ["source.toml"] = "Grammars.toml.json",
            ["source.kotlin"] = "Grammars.kotlin.json",
            ["text.html.erb"] = "Grammars.erb.json",
            [CodeLanguages.ShellSessionScope] = "Grammars.shellsession.json",
            ["source.haskell"] = "Grammars.haskell.json",
            ["source.elixir"] = "Grammars.elixir.json",
            ["source.nginx"] = "Grammars.nginx.json",
            ["source.http"] = "Grammars.http.json",
        };

        public static IEnumerable<string> AddedGrammarResources => Added.Values;

        /// <summary>
        /// The site's grammars an added grammar includes by scope (<c>"include": "source.shell"</c>), read once from its
        /// file; others it names (GraphQL in HTTP) the site does not have, and they stay plain.
        /// </summary>
        private static readonly Dictionary<string, string[]> Embedded = Added.ToDictionary(pair => pair.Key, pair =>
        {
            using var stream = typeof(CodeHighlighter).Assembly.GetManifestResourceStream(pair.Value)!;
            using var reader = new StreamReader(stream);
            return IncludedScope().Matches(reader.ReadToEnd()).Select(m => m.Groups[1].Value)
                .Where(included => included != pair.Key && CodeLanguages.All.Any(l => l.Scope == included))
                .Distinct(StringComparer.Ordinal).ToArray();
        }, StringComparer.Ordinal);

        public static string[] EmbeddedIn(string scope) => Embedded.GetValueOrDefault(scope) ?? [];

        [GeneratedRegex("\"include\"\\s*:\\s*\"((?:source|text)\\.[^\"#]+)\"")]
        private static partial Regex IncludedScope();

        private readonly RegistryOptions builtIn = new(ThemeName.LightPlus);

        public IRawGrammar GetGrammar(string scopeName)
        {
            if (!Added.TryGetValue(scopeName, out var resource))
            {
                return builtIn.GetGrammar(scopeName);
            }
            using var stream = typeof(CodeHighlighter).Assembly.GetManifestResourceStream(resource)
                ?? throw new InvalidOperationException($"the grammar {resource} is not embedded in the build");
            using var reader = new StreamReader(stream);
            return GrammarReader.ReadGrammarSync(reader);
        }

        public ICollection<string> GetInjections(string scopeName) => builtIn.GetInjections(scopeName);

        public IRawTheme GetTheme(string scopeName) => builtIn.GetTheme(scopeName);

        public IRawTheme GetDefaultTheme() => builtIn.GetDefaultTheme();
    }
}
