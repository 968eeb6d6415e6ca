using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// <c>restore FILE</c>: puts a backup (from <c>backup FILE</c>) in place of the SQLite database, all or nothing.
/// The file is checked first (<c>PRAGMA integrity_check</c>, and a migration history this version of the site knows),
/// a database a running site holds is refused (<see cref="SqliteInUse"/>), the copy is made and checked beside the
/// database, and then renamed over it: a crash at any point leaves either the old database or the restored one, never
/// a mix. The database it replaces is kept beside it as <c>progress.db.before-restore-TIMESTAMP</c>.
/// </summary>
public static class ProgressRestore
{
    public static async Task<int> RunAsync(string connectionString, IReadOnlyCollection<string> knownMigrations, string[] args, TextWriter output, TextWriter error,
        TimeProvider? clock = null)
    {
        if (await FileArgument.ReadAsync(args, "restore FILE   (a file made by `backup FILE`, e.g. /data/backup-2026-11-27.db; stop the site first)", error) is not { } source)
        {
            return 2;
        }
        var target = Path.GetFullPath(new SqliteConnectionStringBuilder(connectionString).DataSource);
        if (SqliteInUse.LockFile(connectionString) is not { } lockFile)
        {
            await error.WriteLineAsync("Restore failed: the progress database is not a file.");
            return 1;
        }
        if (!File.Exists(source))
        {
            await error.WriteLineAsync($"Restore failed: there is no file {source}.");
            return 1;
        }
        if (source == target)
        {
            await error.WriteLineAsync($"Restore failed: {source} is the progress database itself; give a backup file.");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        using var exclusive = SqliteInUse.TryTakeExclusive(lockFile);
        if (exclusive is null)
        {
            await error.WriteLineAsync($"Restore failed: {target} is in use by a running site ({lockFile} is locked). Stop the site, then restore.");
            return 1;
        }
        var staging = target + ".restoring";
        try
        {
            File.Copy(source, staging, overwrite: true);
            var (learners, ticks, pending) = await CheckAsync(staging, knownMigrations);
            await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = staging, Pooling = false }.ToString()))
            {
                await connection.OpenAsync();
                await using var wal = connection.CreateCommand();
                // As the site keeps it; a backup made by VACUUM INTO is in rollback-journal mode.
                wal.CommandText = "PRAGMA journal_mode=WAL; PRAGMA wal_checkpoint(TRUNCATE);";
                await wal.ExecuteNonQueryAsync();
            }
            string? kept = null;
            if (File.Exists(target))
            {
                kept = $"{target}.before-restore-{(clock ?? TimeProvider.System).GetUtcNow():yyyyMMdd'T'HHmmss'Z'}";
                await SetAsideAsync(target, kept);
            }
            // The swap: one rename, atomic on one file system. The old file's WAL was folded into it and removed
            // above, so no stale -wal or -shm can be replayed onto the restored database.
            File.Move(staging, target, overwrite: true);
            File.Delete(target + "-shm");
            await output.WriteLineAsync($"Restored {target} from {source}: {learners} learners, {ticks} ticks, integrity ok"
                + (pending > 0 ? $"; {pending} newer migrations are applied when the site starts" : "")
                + (kept is null ? "." : $". The database it replaced is kept as {kept}."));
            return 0;
        }
        catch (Exception e) when (e is SqliteException or IOException or UnauthorizedAccessException or InvalidDataException)
        {
            await error.WriteLineAsync($"Restore failed, nothing was changed: {e.Message}");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            File.Delete(staging);
            File.Delete(staging + "-wal");
            File.Delete(staging + "-shm");
        }
    }

    /// <summary>The backup must be sound, and a progress database of this version of the site or an older one.</summary>
    private static async Task<(long Learners, long Ticks, int PendingMigrations)> CheckAsync(string file, IReadOnlyCollection<string> knownMigrations)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        try
        {
            command.CommandText = "PRAGMA integrity_check";
            if (await command.ExecuteScalarAsync() is not "ok" and var integrity)
            {
                throw new InvalidDataException($"the file failed SQLite's integrity check: {integrity}");
            }
        }
        catch (SqliteException e) when (e.SqliteErrorCode is 26 or 11) // SQLITE_NOTADB, SQLITE_CORRUPT
        {
            throw new InvalidDataException($"the file is not a SQLite database ({e.Message})");
        }
        command.CommandText = """SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '__EFMigrationsHistory'""";
        if ((long)(await command.ExecuteScalarAsync())! == 0)
        {
            throw new InvalidDataException("the file is a SQLite database but not a progress database (it has no migration history).");
        }
        var applied = new List<string>();
        command.CommandText = """SELECT "MigrationId" FROM "__EFMigrationsHistory" ORDER BY "MigrationId" """;
        await using (var reader = await command.ExecuteReaderAsync())
        {
            while (await reader.ReadAsync())
            {
                applied.Add(reader.GetString(0));
            }
        }
        if (applied.Except(knownMigrations).ToList() is { Count: > 0 } unknown)
        {
            throw new InvalidDataException($"the file was made by a newer version of the site (migrations {string.Join(", ", unknown)} are unknown to this one); restore it with that version.");
        }
        if (applied.Count == 0)
        {
            throw new InvalidDataException("the file's migration history is empty: it is not a progress database.");
        }
        command.CommandText = """SELECT count(*) FROM "Learners" """;
        var learners = (long)(await command.ExecuteScalarAsync())!;
        command.CommandText = """SELECT count(*) FROM "Ticks" """;
        return (learners, (long)(await command.ExecuteScalarAsync())!, knownMigrations.Count - applied.Count);
    }

    /// <summary>Folds the old database's WAL into it (removing -wal and -shm) and renames it aside.</summary>
    private static async Task SetAsideAsync(string target, string kept)
    {
        await using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = target, Pooling = false }.ToString()))
        {
            await connection.OpenAsync();
            await using var command = connection.CreateCommand();
            command.CommandText = "PRAGMA journal_mode=DELETE";
            await command.ExecuteNonQueryAsync();
        }
        File.Copy(target, kept);
    }
}
