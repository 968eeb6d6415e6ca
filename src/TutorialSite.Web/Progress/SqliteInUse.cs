using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// Marks a SQLite database as in use by a running site: a shared lock (<c>flock</c>) on <c>progress.db.lock</c> beside
/// it, held for the process's life and released by the kernel however the process ends, even killed. <c>restore</c>
/// takes the same lock exclusively, so it refuses while any site runs on the file, and a site starting meanwhile waits
/// for it. Other verbs (<c>backup</c>) work beside a running site and take no lock.
/// </summary>
public static class SqliteInUse
{
    /// <summary>The lock file of a database file; null for an in-memory database.</summary>
    public static string? LockFile(string connectionString) =>
        new SqliteConnectionStringBuilder(connectionString) is { DataSource: { Length: > 0 } file, Mode: not SqliteOpenMode.Memory }
            && file != ":memory:" && !file.StartsWith("file:", StringComparison.Ordinal)
            ? Path.GetFullPath(file) + ".lock"
            : null;

    /// <summary>The site's hold: shared, so that nothing but a restore is kept out. Waits while a restore runs.</summary>
    public static async Task<IDisposable?> HoldAsync(string connectionString, ILogger logger, CancellationToken cancellationToken = default)
    {
        if (LockFile(connectionString) is not { } file)
        {
            return null;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(file)!);
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                // Opened read-only with sharing: .NET takes flock(LOCK_SH) for it; an exclusive holder makes this throw.
                return new FileStream(file, FileMode.OpenOrCreate, FileAccess.Read, FileShare.ReadWrite);
            }
            catch (IOException) when (attempt < 600)
            {
                if (attempt % 50 == 0)
                {
                    logger.LogWarning("The progress database is being restored ({File} is locked); waiting before opening it", file);
                }
                await Task.Delay(TimeSpan.FromMilliseconds(200), cancellationToken);
            }
        }
    }

    /// <summary>The restore's hold: exclusive, or null when a site (or another restore) holds the file.</summary>
    public static FileStream? TryTakeExclusive(string lockFile)
    {
        try
        {
            return new FileStream(lockFile, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException)
        {
            return null;
        }
    }
}
