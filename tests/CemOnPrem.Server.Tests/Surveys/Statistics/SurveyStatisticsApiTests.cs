using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using CemOnPrem.Server.Tests.Governance;
using CemOnPrem.Server.Tests.Support;
using Dapper;
using Npgsql;

namespace CemOnPrem.Server.Tests.Surveys.Statistics;

/// <summary><c>GET /api/v1/surveys/{key}/statistics</c> on a server with one signed survey pack; rows written into R0090's tables directly.</summary>
public sealed class SurveyStatisticsApiTests(PrivacyServer server) : IClassFixture<PrivacyServer>
{
    private const string PackSurvey = PrivacyServer.PackId + ":" + PrivacyServer.SurveyId;
    private static readonly DateTimeOffset Day = new(2026, 6, 1, 9, 0, 0, TimeSpan.Zero);

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    /// <summary>A completed e-mail invitation with its response and one NPS answer, in the given region.</summary>
    private async Task AnswerAsync(string region, int nps)
    {
        await using var connection = new NpgsqlConnection(server.Factory.Databases.Regions[region]);
        await connection.ExecuteAsync(
            """
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, org_unit, language, channel, token_hash, status,
                created_at, created_by, send_after, sent_at, delivered_at, opened_at, started_at, completed_at, expires_at)
            values (@invitation, @region, @key, '1.0.0', 'manual', 'north-01', 'en', 'email', @hash, 'completed', @day, 'test', @day, @day, @day, @day, @day,
                @day + interval '2 minutes', @day + interval '14 days');
            insert into survey_responses (response_id, region, invitation_id, survey_key, survey_version, org_unit, language, status, started_at, updated_at, completed_at)
            values (@response, @region, @invitation, @key, '1.0.0', 'north-01', 'en', 'completed', @day, @day, @day + interval '2 minutes');
            insert into survey_answers (response_id, region, answer_key, question_id, number_value) values (@response, @region, 'nps', 'nps', @nps);
            """,
            new { invitation = Guid.NewGuid(), response = Guid.NewGuid(), region, key = PackSurvey, hash = RandomNumberGenerator.GetBytes(32), day = Day, nps });
    }

    [Fact]
    public async Task Statistics_add_up_the_regions_and_hide_a_question_answered_by_fewer_than_the_minimum_group_size()
    {
        for (var i = 0; i < 4; i++)
        {
            await AnswerAsync(i % 2 == 0 ? ServerDatabases.Eu : ServerDatabases.Cn, 6 + i);
        }

        var url = $"/api/v1/surveys/{PackSurvey}/statistics?from=2026-06-01&to=2026-06-01";
        var four = await server.Client.GetFromJsonAsync<JsonElement>(url, Cancellation);
        await AnswerAsync(ServerDatabases.Eu, 10);
        var five = await server.Client.GetFromJsonAsync<JsonElement>(url + "&orgUnit=north&channel=email", Cancellation);

        Assert.Equal(5, four.GetProperty("minGroupSize").GetInt32());
        Assert.Equal((4, 1.0, 120.0), (four.GetProperty("total").GetProperty("completed").GetInt32(), four.GetProperty("total").GetProperty("responseRate").GetDouble(),
            four.GetProperty("total").GetProperty("medianSecondsToAnswer").GetDouble()));
        var hidden = four.GetProperty("questions")[0];
        Assert.True(hidden.GetProperty("suppressed").GetBoolean());
        Assert.False(hidden.TryGetProperty("values", out _));
        var shown = five.GetProperty("questions")[0];
        Assert.Equal((false, 5, 8.0), (shown.GetProperty("suppressed").GetBoolean(), shown.GetProperty("answered").GetInt32(), shown.GetProperty("mean").GetDouble()));
        Assert.Equal([("email", "north-01")], five.GetProperty("groups").EnumerateArray().Select(g => (g.GetProperty("channel").GetString(), g.GetProperty("orgUnit").GetString())));
    }

    [Theory]
    [InlineData("?channel=fax", "channel")]
    [InlineData("?from=01.06.2026", "from")]
    [InlineData("?from=2026-06-02&to=2026-06-01", "from")]
    [InlineData("?to=9999-01-01", "to")]
    [InlineData("?orgUnit=atlantis", "orgUnit")]
    public async Task Bad_filters_are_400_problems_naming_the_parameter(string query, string field)
    {
        var response = await server.Client.GetAsync($"/api/v1/surveys/{PackSurvey}/statistics{query}", Cancellation);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.True((await Events.ReadJsonAsync(response)).GetProperty("errors").TryGetProperty(field, out _));
    }

    [Fact]
    public async Task An_unknown_survey_has_no_statistics() =>
        Assert.Equal(HttpStatusCode.NotFound, (await server.Client.GetAsync("/api/v1/surveys/com.acme.none:x/statistics", Cancellation)).StatusCode);
}
