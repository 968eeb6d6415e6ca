using System.Diagnostics;
using System.Text;
using Xunit.Abstractions;

namespace TutorialSite.Tests.Content;

/// <summary>
/// A seeded mutation test: thousands of variants of every Markdown file in the repository (the sample content and
/// the test corpora), truncated, sprinkled with syntax characters, NULs and invalid UTF-8, deeply nested, given
/// huge lines. Loading must never throw and never take longer than <see cref="Budget"/> for one file. The seed is
/// fixed so CI is repeatable; <c>CONTENT_FUZZ_SEED=n</c> explores others, and every failure names the seed and the
/// variant so it reproduces (<c>CONTENT_FUZZ_SEED=n dotnet test --filter ContentFuzzTests</c>).
/// </summary>
[Collection(nameof(ContentFuzzTests))]
public sealed class ContentFuzzTests(ITestOutputHelper output) : IDisposable
{
    /// <summary>A hang guard, not a benchmark: it catches the class of a file that held `check` for 105 s.</summary>
    private static readonly TimeSpan Budget = TimeSpan.FromSeconds(10);

    /// <summary>About 20 s on a 2-core machine shared with other builds.</summary>
    private const int Variants = 1_500;

    private readonly TempContent content = new();

    public void Dispose() => content.Dispose();

    [Fact]
    public async Task Load_MutatedContent_NeverThrowsAndStaysWithinTheBudgetPerFile()
    {
        var seed = int.TryParse(Environment.GetEnvironmentVariable("CONTENT_FUZZ_SEED"), out var s) ? s : 20261206;
        output.WriteLine($"CONTENT_FUZZ_SEED={seed}");
        var random = new Random(seed);
        var sources = Sources();
        Assert.True(sources.Count > 20, $"found only {sources.Count} Markdown files to mutate");
        var index = Encoding.UTF8.GetBytes(TempContent.Course("Fuzz"));
        var clock = Stopwatch.StartNew();
        var slowest = TimeSpan.Zero;

        for (var variant = 0; variant < Variants; variant++)
        {
            var (name, original) = sources[random.Next(sources.Count)];
            var mutated = Mutate(random, original);
            // Mostly a tutorial; sometimes the course's own _index.md, which is parsed and rendered too.
            var asIndex = random.Next(10) == 0;
            content.WriteBytes("fuzz/_index.md", asIndex ? mutated : index);
            content.WriteBytes("fuzz/01-variant.md", asIndex ? Encoding.UTF8.GetBytes(TempContent.Tutorial("Plain")) : mutated);
            var what = $"seed {seed}, variant {variant} (from {name}{(asIndex ? ", as _index.md" : "")}); input kept at {Keep(variant, mutated)}";

            var started = clock.Elapsed;
            var load = Task.Run(() => ContentLoader.Load(content.Root, includeDrafts: true));
            var finished = await Task.WhenAny(load, Task.Delay(Budget));
            Assert.True(finished == load, $"loading took longer than {Budget.TotalSeconds} s: {what}");
            Assert.True(load.IsCompletedSuccessfully, $"loading threw {load.Exception?.InnerException}: {what}");
            var took = clock.Elapsed - started;
            slowest = took > slowest ? took : slowest;
            var snapshot = await load;
            Assert.All(snapshot.Problems, p => Assert.False(string.IsNullOrEmpty(p.Rule), $"a problem without a rule: {p}; {what}"));
            // An exception caught by the last-resort guard is a bug too: each one found became a precise rule.
            Assert.DoesNotContain(snapshot.Problems, p => p.Rule == Rules.LoadFailed);
            Discard(variant);
        }
        output.WriteLine($"{Variants} variants in {clock.Elapsed.TotalSeconds:0.0} s; slowest {slowest.TotalMilliseconds:0} ms");
    }

    [Fact]
    public void Check_MutatedContent_ExitsWithZeroOrOneAndNeverThrows()
    {
        var random = new Random(7);
        var sources = Sources();
        content.Write("fuzz/_index.md", TempContent.Course("Fuzz"));
        for (var variant = 0; variant < 100; variant++)
        {
            var (name, original) = sources[random.Next(sources.Count)];
            content.WriteBytes($"fuzz/{variant:000}-variant.md", Mutate(random, original));
        }

        var exit = ContentCheck.Run(content.Root, accept: false, TextWriter.Null);

        Assert.InRange(exit, 0, 1);
    }

    private string Keep(int variant, byte[] bytes)
    {
        var path = Path.Combine(content.Root, "..", $"fuzz-{variant}.md");
        File.WriteAllBytes(path, bytes);
        return Path.GetFullPath(path);
    }

    private void Discard(int variant) => File.Delete(Path.Combine(content.Root, "..", $"fuzz-{variant}.md"));

    private static List<(string Name, byte[] Bytes)> Sources() =>
        [.. new[] { RepoPaths.Content, Path.Combine(RepoPaths.Root, "tests", "TutorialSite.Tests", "Content") }
            .SelectMany(folder => Directory.EnumerateFiles(folder, "*.md", SearchOption.AllDirectories))
            .Where(f => !f.Contains($"{Path.DirectorySeparatorChar}bin{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal)
            .Select(f => (Path.GetRelativePath(RepoPaths.Root, f), File.ReadAllBytes(f)))];

    private static readonly string[] Fragments =
    [
        "[", "]", "{", "}", "(", ")", ":", ": ", "\"", "'", "\t", "\0", "\r", "\n", "\n\n", "---\n", "```", "~~~", "> ", "- ", "* ",
        "1. ", "#", "## ", "|", "![", "](", "<", ">", "&", "&#", "\\", "*", "_", "`", "{#", "[!NOTE]", "&amp;", "%00", "%", "..",
        "- [ ] ", "{#a was b}", "&", "*a", "@", "!", "? ", "&anchor ", "*anchor", "<<: ", "\uFEFF", "\u202E", "😀",
    ];

    private static readonly byte[][] BadBytes = [[0xFF], [0xC3, 0x28], [0xE2, 0x82], [0xF0, 0x9F], [0x80], [0xED, 0xA0, 0x80], [0x00]];

    private static byte[] Mutate(Random random, byte[] original)
    {
        var bytes = new List<byte>(original);
        var steps = 1 + random.Next(4);
        for (var step = 0; step < steps; step++)
        {
            // Half the edits land in the first 200 bytes, where the front matter is.
            int At() => bytes.Count == 0 ? 0 : random.Next(2) == 0 ? random.Next(Math.Min(bytes.Count, 200) + 1) : random.Next(bytes.Count + 1);
            switch (random.Next(9))
            {
                case 0: // truncated, as a half-saved file
                    var cut = At();
                    bytes.RemoveRange(cut, bytes.Count - cut);
                    break;
                case 1: // syntax characters
                    for (var i = random.Next(1, 8); i > 0; i--)
                    {
                        bytes.InsertRange(At(), Encoding.UTF8.GetBytes(Fragments[random.Next(Fragments.Length)]));
                    }
                    break;
                case 2: // random bytes
                    var junk = new byte[random.Next(1, 64)];
                    random.NextBytes(junk);
                    bytes.InsertRange(At(), junk);
                    break;
                case 3: // invalid UTF-8
                    bytes.InsertRange(At(), BadBytes[random.Next(BadBytes.Length)]);
                    break;
                case 4: // deep nesting at a line start
                    var marker = new[] { "- ", "> ", "1. ", "* ", "  - ", ">", "[", "*", "_", "**", "![", "`", "<div>", "- > " }[random.Next(14)];
                    var depth = random.Next(2) == 0 ? random.Next(40, 80) : random.Next(100, 5_000);
                    bytes.InsertRange(At(), Encoding.UTF8.GetBytes("\n" + string.Concat(Enumerable.Repeat(marker, depth)) + "x\n"));
                    break;
                case 5: // a huge line
                    var unit = Fragments[random.Next(Fragments.Length)] + "a";
                    bytes.InsertRange(At(), Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat(unit, random.Next(1_000, 25_000 / unit.Length)))));
                    break;
                case 6: // a slice repeated, as a paste gone wrong
                    if (bytes.Count > 0)
                    {
                        var from = random.Next(bytes.Count);
                        var slice = bytes.GetRange(from, Math.Min(bytes.Count - from, random.Next(1, 200)));
                        var at = At();
                        for (var i = random.Next(2, 50); i > 0; i--)
                        {
                            bytes.InsertRange(at, slice);
                        }
                    }
                    break;
                case 7: // YAML aliases in the front matter, billion-laughs style
                    var yaml = new StringBuilder("a: &a [x, x, x, x, x, x, x, x, x]\n");
                    for (var level = 'b'; level < 'b' + random.Next(2, 12); level++)
                    {
                        yaml.Append(level).Append(": &").Append(level).Append(" [").Append(string.Join(", ", Enumerable.Repeat($"*{(char)(level - 1)}", 9))).Append("]\n");
                    }
                    bytes.InsertRange(Math.Min(bytes.Count, 4), Encoding.UTF8.GetBytes(yaml.ToString()));
                    break;
                default: // a byte deleted or swapped
                    if (bytes.Count > 1)
                    {
                        var i = random.Next(bytes.Count - 1);
                        (bytes[i], bytes[i + 1]) = (bytes[i + 1], bytes[i]);
                        bytes.RemoveAt(random.Next(bytes.Count));
                    }
                    break;
            }
        }
        return [.. bytes];
    }
}

/// <summary>Alone, not beside the other test classes: the budget then measures the file, not the neighbours.</summary>
[CollectionDefinition(nameof(ContentFuzzTests), DisableParallelization = true)]
public sealed class ContentFuzzCollection;
