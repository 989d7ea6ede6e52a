using System.Text.Json.Nodes;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Governance.Export;
using CemOnPrem.Governance.Holds;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Cases.Handling;

/// <summary>Cases in the data-subject export, kept without the customer by erasure, untouched under a legal hold.</summary>
public sealed class CasesPrivacyTests(ServerFixture server) : IClassFixture<ServerFixture>
{
    private const string Eu = ServerDatabases.Eu;
    private const string Note = "Mrs Example called about her mortgage";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_has_the_subjects_cases_with_their_notes_decrypted()
    {
        var (customerId, caseId) = await CaseWithNoteAsync();
        var category = server.Factory.Services.GetServices<IExportCategory>().Single(c => c.Name == "cases");

        var rows = await category.ReadAsync(new ExportSubject(Eu, customerId, DateTimeOffset.UtcNow, []), Cancellation);

        var row = Assert.Single(rows);
        Assert.Equal(caseId, row["caseId"]);
        Assert.Contains(Note, System.Text.Json.JsonSerializer.Serialize(row["history"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_keeps_the_case_without_the_customer_and_without_its_personal_text()
    {
        var (customerId, caseId) = await CaseWithNoteAsync();

        var (erased, holds) = await EraseAsync(customerId);

        Assert.Empty(holds);
        Assert.Equal(1, erased!.Rows["cases"]);
        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from cases where case_id = @caseId and customer_id is null", new { caseId }));
        Assert.Equal(0L, await server.Databases.CountAsync(Eu, "select count(*) from case_history where case_id = @caseId and text is not null", new { caseId }));
        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from case_history where case_id = @caseId and action = 'customer-erased'", new { caseId }));
        Assert.Equal(0L, await server.Databases.CountAsync(Eu, "select count(*) from customers where customer_id = @customerId", new { customerId }));
    }

    [Fact]
    public async Task Under_a_legal_hold_the_customers_cases_stay_linked_and_readable()
    {
        var (customerId, caseId) = await CaseWithNoteAsync();
        await server.Factory.Services.GetRequiredService<LegalHolds>().PlaceAsync(Eu, customerId, "litigation 2026-17", "test", Cancellation);

        var (erased, holds) = await EraseAsync(customerId);

        Assert.Null(erased);
        Assert.Single(holds);
        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from cases where case_id = @caseId and customer_id = @customerId", new { caseId, customerId }));
        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from case_history where case_id = @caseId and text is not null", new { caseId }));
    }

    private async Task<(ErasedRows? Erased, IReadOnlyList<LegalHold> Holds)> EraseAsync(string customerId)
    {
        await using var connection = await server.Factory.Services.GetRequiredService<RegionDatabases>().For(Eu).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        var result = await CustomerErasure.EraseAsync(connection, transaction, Eu, customerId, Cancellation);
        await transaction.CommitAsync(Cancellation);
        return result;
    }

    private async Task<(string CustomerId, string CaseId)> CaseWithNoteAsync()
    {
        var customerId = await CaseRequests.CustomerAtAsync(server.Client, Eu, "north-01");
        var caseId = await CaseRequests.OpenAsync(server.Client, Eu, "north-01", customerId);
        using var note = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, $"/api/v1/cases/{Eu}/{caseId}/notes", new JsonObject { ["text"] = Note }, "\"1\"");
        Assert.Equal(System.Net.HttpStatusCode.OK, note.StatusCode);
        return (customerId, caseId);
    }
}
