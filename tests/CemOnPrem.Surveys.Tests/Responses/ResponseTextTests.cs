using System.Text;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing;

namespace CemOnPrem.Surveys.Tests.Responses;

/// <summary>Free text is stored encrypted: under the customer's key, or the response's own key without a customer.</summary>
public sealed class ResponseTextTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;
    private const string Secret = "My card 4111 was charged twice <script>alert(1)</script>";

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    [Fact]
    public async Task A_customers_text_answers_are_not_in_clear_in_the_database_and_read_back_with_their_key()
    {
        var harness = new ResponseHarness(databases);
        var customerId = await harness.CustomerAsync(Region);
        var invitation = await harness.InvitationAsync(Region, customerId);

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor(Secret, "等了很久 4111"), Cancellation);

        var ciphers = await harness.QueryAsync<byte[]>(Region, "select text_cipher from survey_answers where response_id = @id and text_cipher is not null",
            new { id = outcome.ResponseId });
        Assert.Equal(2, ciphers.Count);
        Assert.All(ciphers, c => Assert.DoesNotContain("4111", Encoding.UTF8.GetString(c), StringComparison.Ordinal));
        Assert.Equal(0L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_response_keys where response_id = @id", new { id = outcome.ResponseId }));
        var stored = await harness.Store.LoadAsync(invitation, Cancellation);
        Assert.Equal((Secret, "等了很久 4111"), (stored["why/other"][0], stored["wait-detail"][0]));
    }

    [Fact]
    public async Task An_anonymous_response_gets_its_own_wrapped_key()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, customerId: null);

        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor(Secret, "queue"), Cancellation);

        Assert.Equal(1L, await harness.ScalarAsync<long>(Region, "select count(*) from survey_response_keys where response_id = @id", new { id = outcome.ResponseId }));
        Assert.Equal(Secret, (await harness.Store.LoadAsync(invitation, Cancellation))["why/other"][0]);
    }

    [Fact]
    public async Task Text_moved_to_another_answer_does_not_decrypt()
    {
        var harness = new ResponseHarness(databases);
        var invitation = await harness.InvitationAsync(Region, await harness.CustomerAsync(Region));
        var outcome = await harness.Store.CompleteAsync(invitation, ResponseSurveys.Published, ResponseSurveys.Detractor(Secret, "queue"), Cancellation);

        await harness.ScalarAsync<int>(Region,
            "update survey_answers set text_cipher = (select text_cipher from survey_answers where response_id = @id and answer_key = 'why/other') " +
            "where response_id = @id and answer_key = 'wait-detail' returning 1", new { id = outcome.ResponseId });

        var stored = await harness.Store.LoadAsync(invitation, Cancellation);
        Assert.False(stored.ContainsKey("wait-detail"));
        Assert.Equal(Secret, stored["why/other"][0]);
    }
}
