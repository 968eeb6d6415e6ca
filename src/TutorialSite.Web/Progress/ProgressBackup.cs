using Microsoft.Data.Sqlite;

namespace TutorialSite.Web.Progress;

/// <summary>
/// <c>backup FILE</c>: a consistent copy of the live database with SQLite's <c>VACUUM INTO</c>. It reads one
/// snapshot (WAL lets the site keep reading and writing meanwhile), writes a compact new file and never
/// overwrites one. Restore is a file copy while the site is stopped (docs/operations.md, "Backup and restore").
/// </summary>
public static class ProgressBackup
{
    public static async Task<int> RunAsync(string connectionString, string[] args, TextWriter output, TextWriter error)
    {
        if (await FileArgument.ReadAsync(args, "backup FILE   (a new file, e.g. /data/backup-2026-11-27.db)", error) is not { } target)
        {
            return 2;
        }
        var source = new SqliteConnectionStringBuilder(connectionString) { Mode = SqliteOpenMode.ReadWrite };
        if (Problem(source.DataSource, target) is { } problem)
        {
            await error.WriteLineAsync($"Backup failed: {problem}");
            return 1;
        }
        try
        {
            await using (var connection = new SqliteConnection(source.ToString()))
            {
                await connection.OpenAsync();
                await using var vacuum = connection.CreateCommand();
                vacuum.CommandText = "VACUUM INTO $target";
                vacuum.Parameters.AddWithValue("$target", target);
                await vacuum.ExecuteNonQueryAsync();
            }
            var (learners, ticks) = await VerifyAsync(target);
            await output.WriteLineAsync($"Backed up {source.DataSource} to {target}: {learners} learners, {ticks} ticks, {new FileInfo(target).Length / 1024} KiB, integrity ok.");
            return 0;
        }
        catch (SqliteException e)
        {
            await error.WriteLineAsync($"Backup failed: SQLite could not copy {source.DataSource} to {target}: {e.Message}");
            return 1;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
        }
    }

    /// <summary>The mistakes an operator can make, caught before SQLite's terser messages (the database itself exists).</summary>
    private static string? Problem(string source, string target)
    {
        var folder = Path.GetDirectoryName(target);
        return !File.Exists(source) ? $"there is no progress database at {source}; check `Data__Path` or `ConnectionStrings__Progress`."
            : Directory.Exists(target) ? $"{target} is a folder; give a file name, e.g. {Path.Combine(target, "progress-backup.db")}."
            : File.Exists(target) ? $"{target} already exists; backups never overwrite a file. Choose a new name or remove it."
            : folder is null || !Directory.Exists(folder) ? $"the folder {folder} does not exist."
            : null;
    }

    /// <summary>Opens the copy read-only: a backup that does not check out is no backup.</summary>
    private static async Task<(long Learners, long Ticks)> VerifyAsync(string file)
    {
        await using var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await connection.OpenAsync();
        await using var command = connection.CreateCommand();
        command.CommandText = """PRAGMA integrity_check; SELECT count(*) FROM "Learners"; SELECT count(*) FROM "Ticks";""";
        await using var reader = await command.ExecuteReaderAsync();
        await reader.ReadAsync();
        if (reader.GetString(0) is var integrity && integrity != "ok")
        {
            throw new SqliteException($"the copy failed its integrity check: {integrity}", 11);
        }
        await reader.NextResultAsync();
        await reader.ReadAsync();
        var learners = reader.GetInt64(0);
        await reader.NextResultAsync();
        await reader.ReadAsync();
        return (learners, reader.GetInt64(0));
    }
}
