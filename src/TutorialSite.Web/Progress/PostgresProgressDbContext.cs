using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace TutorialSite.Web.Progress;

/// <summary>
/// The progress database on PostgreSQL (<c>Database__Provider=Postgres</c>), where several replicas share one
/// database: the same model, plus the data-protection keys, so a form or cookie protected by one replica is
/// accepted by every other. Its migrations are in <c>Migrations/Postgres/</c> (see <see cref="ProgressDbContext"/>).
/// </summary>
public sealed class PostgresProgressDbContext(DbContextOptions<PostgresProgressDbContext> options)
    : ProgressDbContext(options), IDataProtectionKeyContext
{
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
}
