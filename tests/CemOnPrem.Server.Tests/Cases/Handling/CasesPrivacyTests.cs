using System.Text.Json.Nodes;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Governance.Export;
using CemOnPrem.Governance.Holds;
using CemOnPrem.Governance;
using CemOnPrem.Governance.Retention;
using CemOnPrem.Audit;
using CemOnPrem.Packs.Hosting;
using CemOnPrem.Storage.Encryption;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
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

    [Fact]
    public async Task Retention_purges_an_inactive_customer_whose_cases_are_closed_but_not_one_with_a_case_in_hand()
    {
        var (inHand, _) = await CaseWithNoteAsync();
        var (done, doneCase) = await CaseWithNoteAsync();
        var path = $"/api/v1/cases/{Eu}/{doneCase}/transitions";
        using var started = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject { ["to"] = "in-progress" }, "\"2\"");
        using var resolved = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject
        {
            ["to"] = "resolved",
            ["resolution"] = new JsonObject { ["channel"] = "phone", ["at"] = DateTimeOffset.UtcNow.AddMinutes(-1).ToString("O"), ["outcome"] = "explained" },
        }, "\"3\"");
        using var closed = await CaseRequests.SendAsync(server.Client, HttpMethod.Post, path, new JsonObject { ["to"] = "closed" }, "\"4\"");
        Assert.Equal(System.Net.HttpStatusCode.OK, closed.StatusCode);
        var services = server.Factory.Services;
        var options = Options.Create(new PrivacyOptions { Retention = new RetentionOptions { Periods = { [RetentionCategories.InactiveCustomers] = 1 } } });
        var purge = new RetentionPurge(services.GetRequiredService<RegionDatabases>(), new RetentionPeriods(options, services.GetRequiredService<PackRegistry>()),
            services.GetRequiredService<IAuditTrail>(), new Later(DateTimeOffset.UtcNow.AddYears(3)), services.GetRequiredService<FieldProtection>(),
            NullLogger<RetentionPurge>.Instance);

        await purge.RunAsync(dryRun: false, Cancellation);

        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from customers where customer_id = @inHand", new { inHand }));
        Assert.Equal(0L, await server.Databases.CountAsync(Eu, "select count(*) from customers where customer_id = @done", new { done }));
        Assert.Equal(1L, await server.Databases.CountAsync(Eu, "select count(*) from cases where case_id = @doneCase and customer_id is null", new { doneCase }));
    }

    private sealed class Later(DateTimeOffset now) : TimeProvider
    {
        public override DateTimeOffset GetUtcNow() => now;
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
