using System.Net;
using System.Text.Json;
using System.Text.Json.Nodes;
using CemOnPrem.Governance.Erasure;
using CemOnPrem.Governance.Export;
using CemOnPrem.Governance.Holds;
using CemOnPrem.Server.Tests.Support;
using CemOnPrem.Storage.Databases;
using Microsoft.Extensions.DependencyInjection;

namespace CemOnPrem.Server.Tests.Surveys.Responses;

/// <summary>Responses in the data-subject export; erasure keeps them as aggregate records without the customer or their text.</summary>
public sealed class SurveyResponsesPrivacyTests(SurveyServer server) : IClassFixture<SurveyServer>
{
    private const string Eu = ServerDatabases.Eu;
    private const string Secret = "My advisor Mr Li mis-sold me a fund";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task The_export_has_the_subjects_responses_with_their_text_decrypted()
    {
        var customerId = await AnsweredAsync();
        var category = server.Factory.Services.GetServices<IExportCategory>().Single(c => c.Name == "survey-responses");

        var rows = await category.ReadAsync(new ExportSubject(Eu, customerId, DateTimeOffset.UtcNow, []), Cancellation);

        Assert.Contains(Secret, JsonSerializer.Serialize(Assert.Single(rows)["answers"]), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Erasure_keeps_responses_and_invitations_without_the_customer_and_without_text()
    {
        var customerId = await AnsweredAsync();
        var pending = await server.InvitationAsync(customerId, status: "pending");
        var responseId = Guid.Parse((await Scalar("select response_id::text from survey_responses where customer_id = @customerId", new { customerId }))!);
        Assert.Equal(1L, await Count("select count(*) from survey_answers where response_id = @responseId and text_cipher is not null", new { responseId }));

        var (erased, holds) = await EraseAsync(customerId);

        Assert.Empty(holds);
        Assert.Equal((1L, 2L), (erased!.Rows["survey_responses"], erased.Rows["invitations"]));
        Assert.Equal(0L, await Count("select count(*) from survey_responses where customer_id = @customerId", new { customerId }));
        Assert.Equal(0L, await Count("select count(*) from invitations where customer_id = @customerId", new { customerId }));
        Assert.Equal(0L, await Count("select count(*) from survey_answers where response_id = @responseId and text_cipher is not null", new { responseId }));
        Assert.Equal(1L, await Count("select count(*) from survey_answers where response_id = @responseId and answer_key = 'nps' and number_value = 2", new { responseId }));
        Assert.Equal("suppressed", await Scalar("select status from invitations where token_hash = @hash",
            new { hash = CemOnPrem.Surveys.Invitations.InvitationTokens.Hash(pending) }));
    }

    [Fact]
    public async Task Under_a_legal_hold_the_responses_stay_linked()
    {
        var customerId = await AnsweredAsync();
        await server.Factory.Services.GetRequiredService<LegalHolds>().PlaceAsync(Eu, customerId, "litigation 2026-22", "test", Cancellation);

        var (erased, holds) = await EraseAsync(customerId);

        Assert.Null(erased);
        Assert.Single(holds);
        Assert.Equal(1L, await Count("select count(*) from survey_responses where customer_id = @customerId", new { customerId }));
    }

    private async Task<string> AnsweredAsync()
    {
        var customerId = await server.CustomerAsync();
        var token = await server.InvitationAsync(customerId);
        using var done = await server.Integrator.PostAsync("/api/v1/surveys/responses",
            SurveyServer.Submission(token, new JsonObject { ["nps"] = 2, ["why"] = new JsonArray("other"), ["why/other"] = Secret }), Cancellation);
        Assert.Equal(HttpStatusCode.Created, done.StatusCode);
        return customerId;
    }

    private Task<long> Count(string sql, object args) => server.Factory.Databases.CountAsync(Eu, sql, args);

    private async Task<string?> Scalar(string sql, object args)
    {
        await using var connection = await server.Factory.Services.GetRequiredService<RegionDatabases>().For(Eu).OpenConnectionAsync(Cancellation);
        return await Dapper.SqlMapper.ExecuteScalarAsync<string>(connection, sql, args);
    }

    private async Task<(ErasedRows? Erased, IReadOnlyList<LegalHold> Holds)> EraseAsync(string customerId)
    {
        await using var connection = await server.Factory.Services.GetRequiredService<RegionDatabases>().For(Eu).OpenConnectionAsync(Cancellation);
        await using var transaction = await connection.BeginTransactionAsync(Cancellation);
        var result = await CustomerErasure.EraseAsync(connection, transaction, Eu, customerId, Cancellation);
        await transaction.CommitAsync(Cancellation);
        return result;
    }
}
