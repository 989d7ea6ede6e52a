using System.Net;
using System.Text;
using CemOnPrem.Audit.Queries;
using CemOnPrem.Contracts.Text;
using CemOnPrem.Identity.Authorization;
using CemOnPrem.Governance.Export;
using CemOnPrem.Server.Tests.Support;

namespace CemOnPrem.Server.Tests.Hostile;

/// <summary>
/// CSV injection: cells starting with =, +, -, @, tab or CR become live formulas in a spreadsheet. Every CSV the
/// product writes neutralises them with a leading quote; codes cannot start with them at all; names keep them.
/// </summary>
public sealed class CsvExportTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+41 79", "'+41 79")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@SUM(A1)", "'@SUM(A1)")]
    [InlineData("\tcmd", "'\tcmd")]
    [InlineData("\rcmd", "'\rcmd")]
    [InlineData("a=b", "a=b")]
    [InlineData("", "")]
    public void A_cell_that_starts_like_a_formula_gets_a_leading_quote(string value, string written) =>
        Assert.Equal(written, SpreadsheetCells.Neutralise(value));

    [Fact]
    public void The_audit_csv_neutralises_formula_cells()
    {
        var record = new AuditRecordDocument(1, DateTimeOffset.UnixEpoch, "user:a", ["admin"], "org-unit.write", "@org-unit/x", null, null, null, "allowed",
            null, "=HYPERLINK(\"http://evil\",\"x\")", "00", "11");

        var csv = Encoding.UTF8.GetString(AuditCsv.Write([record]));

        Assert.Contains(",'@org-unit/x,", csv, StringComparison.Ordinal);
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil\"\",\"\"x\"\")\"", csv, StringComparison.Ordinal);
    }

    [Fact]
    public void The_subject_export_csv_neutralises_formula_cells()
    {
        var csv = Encoding.UTF8.GetString(ExportFiles.ToCsv([new Dictionary<string, object?> { ["text"] = "@SUM(1+1)*cmd", ["name"] = "-1+1", ["score"] = -5 }]));

        Assert.Contains("'@SUM(1+1)*cmd", csv, StringComparison.Ordinal);
        Assert.Contains("'-1+1", csv, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("=cmd")]
    [InlineData("+x")]
    [InlineData("-x")]
    [InlineData("@x")]
    public async Task An_org_unit_code_that_starts_like_a_formula_is_refused_on_import(string code)
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);

        var response = await admin.PostAsync("/api/v1/org-units/import", new StringContent($"code,name,level,parent\n{code},Formula,branch,hq\n", Encoding.UTF8, "text/csv"), Cancellation);

        await ProblemAssert.RefusedAsync(response, "row 2.code");
    }

    [Fact]
    public async Task An_org_unit_name_that_starts_like_a_formula_is_kept_as_typed()
    {
        using var admin = await server.Factory.CreateClientAsAsync(CemRoles.Admin, ["hq"], [ServerDatabases.Eu]);
        var code = "formula-" + Guid.NewGuid().ToString("N")[..8];

        var response = await admin.PostAsync("/api/v1/org-units/import", new StringContent($"code,name,level,parent\n{code},=1+1,branch,hq\n", Encoding.UTF8, "text/csv"), Cancellation);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("=1+1", (await Events.ReadJsonAsync(await admin.GetAsync($"/api/v1/org-units/{code}", Cancellation))).GetProperty("name").GetString());
    }
}
