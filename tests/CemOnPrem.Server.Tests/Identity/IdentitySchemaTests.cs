using System.Text.RegularExpressions;
using CemOnPrem.Identity.Storage;
using CemOnPrem.Storage.Migrations;
using Microsoft.EntityFrameworkCore;

namespace CemOnPrem.Server.Tests.Identity;

/// <summary>
/// The identity tables are created by DbUp (C0010_identity.sql), not by EF migrations; this keeps the script and
/// the EF model (ASP.NET Core Identity + OpenIddict + data protection) from drifting apart after a package upgrade.
/// </summary>
public sealed partial class IdentitySchemaTests
{
    [Fact]
    public void Migration_script_creates_exactly_what_the_ef_model_needs()
    {
        var options = new DbContextOptionsBuilder<CemIdentityDbContext>().UseNpgsql("Host=unused").Options;
        using var context = new CemIdentityDbContext(options);
        var generated = context.Database.GenerateCreateScript();
        using var stream = typeof(SchemaMigrator).Assembly.GetManifestResourceStream("CemOnPrem.Storage.Migrations.Control.C0010_identity.sql")!;
        var script = new StreamReader(stream).ReadToEnd();

        Assert.Equal(Normalise(generated[(generated.IndexOf("END $EF$;", StringComparison.Ordinal) + 9)..]),
            Normalise(script[(script.IndexOf("create schema if not exists identity;", StringComparison.Ordinal) + 37)..]));
    }

    private static string Normalise(string sql) => Blank().Replace(sql.Replace("\r", "", StringComparison.Ordinal), "\n").Trim();

    [GeneratedRegex("\n\\s*\n")]
    private static partial Regex Blank();
}
