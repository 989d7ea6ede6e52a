using CemOnPrem.Identity.Users;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace CemOnPrem.Identity.Storage;

/// <summary>
/// ASP.NET Core Identity (users, roles, claims), data-protection keys and OpenIddict (applications, authorizations, scopes,
/// tokens) in the control database, schema <c>identity</c>. The tables are created by the DbUp script
/// <c>C0010_identity.sql</c>, never by EF migrations, so every schema change goes through one mechanism.
/// </summary>
public sealed class CemIdentityDbContext(DbContextOptions<CemIdentityDbContext> options) : IdentityDbContext<CemUser>(options), IDataProtectionKeyContext
{
    public const string Schema = "identity";

    /// <summary>Keys of the login cookie and antiforgery tokens, shared by every node.</summary>
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.HasDefaultSchema(Schema);
        builder.UseOpenIddict();
    }
}
