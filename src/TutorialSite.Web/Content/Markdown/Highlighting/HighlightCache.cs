using System.Collections.Concurrent;
using System.Security.Cryptography;
using System.Text;

namespace TutorialSite.Web.Content.Markdown.Highlighting;

/// <summary>
/// Highlighted blocks, keyed by a hash of the grammar's scope and the code: a block is highlighted once, however
/// often the files around it change, the site reloads or restarts, or a new build is deployed. In memory for the
/// process; <see cref="Write"/> and <see cref="Read"/> keep it in the data folder (<see cref="FileName"/>) between
/// runs, guarded by a version of everything the HTML depends on besides the code (a different one is ignored).
/// Kept as UTF-8, as the pages keep their HTML: half the memory of strings (at 2,000 tutorials about 7.5 MB, not 15).
/// </summary>
public sealed class HighlightCache(string version)
{
    public const string FileName = "highlight-cache.bin";

    /// <summary>
    /// Past this many blocks (edits leave old versions behind) the cache starts again empty: it is an accelerator,
    /// and 2,000 tutorials hold about 10,000 blocks.
    /// </summary>
    public const int MaximumEntries = 200_000;

    private const string Magic = "tutorialsite-highlight-utf8";

    private readonly ConcurrentDictionary<UInt128, byte[]> entries = new();
    private long additions;

    public int Count => entries.Count;

    /// <summary>
    /// How many blocks were ever added (never goes down): the cache is the process's, a file is one data folder's, so
    /// a writer remembers the count its file was written at and knows whether the file is behind.
    /// </summary>
    public long Additions => Interlocked.Read(ref additions);

    public static UInt128 KeyOf(string scope, string code)
    {
        Span<byte> hash = stackalloc byte[SHA256.HashSizeInBytes];
        SHA256.HashData(Encoding.UTF8.GetBytes(scope + "\n" + code), hash);
        return new UInt128(BitConverter.ToUInt64(hash), BitConverter.ToUInt64(hash[8..]));
    }

    public bool Contains(UInt128 key) => entries.ContainsKey(key);

    public bool TryGet(UInt128 key, out string html)
    {
        if (entries.TryGetValue(key, out var utf8))
        {
            html = Encoding.UTF8.GetString(utf8);
            return true;
        }
        html = "";
        return false;
    }

    public void Add(UInt128 key, string html)
    {
        if (entries.Count >= MaximumEntries)
        {
            entries.Clear();
        }
        if (entries.TryAdd(key, Encoding.UTF8.GetBytes(html)))
        {
            Interlocked.Increment(ref additions);
        }
    }

    /// <summary>
    /// Adds the blocks of <paramref name="file"/>; false when there is none or it is of another version. A damaged
    /// file throws (<see cref="IOException"/>, <see cref="EndOfStreamException"/>, <see cref="FormatException"/>);
    /// the caller logs it and goes on without.
    /// </summary>
    public bool Read(string file)
    {
        if (!File.Exists(file))
        {
            return false;
        }
        using var reader = new BinaryReader(File.OpenRead(file), Encoding.UTF8);
        if (reader.ReadString() != Magic || reader.ReadString() != version)
        {
            return false;
        }
        var count = reader.ReadInt32();
        if (count < 0 || count > 2 * MaximumEntries)
        {
            throw new FormatException($"{file} claims {count} blocks");
        }
        var read = new List<(UInt128, byte[])>(count);
        for (var i = 0; i < count; i++)
        {
            var high = reader.ReadUInt64();
            var low = reader.ReadUInt64();
            var length = reader.ReadInt32();
            if (length < 0 || length > reader.BaseStream.Length)
            {
                throw new FormatException($"{file} claims a block of {length} bytes");
            }
            var html = reader.ReadBytes(length);
            if (html.Length != length)
            {
                throw new EndOfStreamException($"{file} ends inside a block");
            }
            read.Add((new UInt128(high, low), html));
        }
        // All or nothing: a file cut short adds no blocks.
        foreach (var (key, html) in read)
        {
            entries.TryAdd(key, html);
        }
        return true;
    }

    /// <summary>Writes every block to a temporary file, then moves it into place: a reader never sees half a cache.</summary>
    public void Write(string file)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        var temporary = $"{file}.{Environment.ProcessId}.{Environment.CurrentManagedThreadId}.tmp";
        var snapshot = entries.ToArray();
        using (var writer = new BinaryWriter(File.Create(temporary), Encoding.UTF8))
        {
            writer.Write(Magic);
            writer.Write(version);
            writer.Write(snapshot.Length);
            foreach (var (key, html) in snapshot)
            {
                writer.Write((ulong)(key >> 64));
                writer.Write((ulong)key);
                writer.Write(html.Length);
                writer.Write(html);
            }
        }
        File.Move(temporary, file, overwrite: true);
    }

    /// <summary>Forgets every block (tests measuring a first start).</summary>
    public void Clear() => entries.Clear();
}
