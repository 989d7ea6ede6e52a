using CemOnPrem.Cases.Handling;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Tests.Support;
using CemOnPrem.Testing;
using Dapper;

namespace CemOnPrem.Surveys.Tests.Invitations;

/// <summary>A closed case of a configured type invites its customer to the follow-up survey, once, under the usual rules.</summary>
public sealed class FollowUpSurveysTests(MigratedDatabases databases) : IClassFixture<MigratedDatabases>
{
    private const string Region = MigratedDatabases.EuCentral;

    private static CancellationToken Cancellation => TestContext.Current.CancellationToken;

    private static CaseClosure Closure(string caseId, string caseType, string? customerId) =>
        new(Region, caseId, caseType, null, null, customerId, "north-01", "north", DateTimeOffset.UtcNow.AddDays(-2), DateTimeOffset.UtcNow.AddHours(-1),
            DateTimeOffset.UtcNow, "phone", "resolved", null, 0);

    [Fact]
    public async Task A_closed_complaint_invites_its_customer_once_and_other_case_types_invite_no_one()
    {
        await using var harness = new SendingHarness(databases, o => o.FollowUp["complaint"] = TestSurveyCatalog.Key);
        var (customer, _) = await harness.CustomerAsync(Region);
        await harness.ConsentAsync(Region, customer, "granted");
        var hook = harness.Get<FollowUpSurveys>();

        await hook.CaseClosedAsync(Closure("case-follow-1", "complaint", customer), Cancellation);
        await hook.CaseClosedAsync(Closure("case-follow-1", "complaint", customer), Cancellation); // reopened and closed again
        await hook.CaseClosedAsync(Closure("case-follow-2", "enquiry", customer), Cancellation);
        await hook.CaseClosedAsync(Closure("case-follow-3", "complaint", null), Cancellation);

        await using var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation);
        var rows = (await connection.QueryAsync<(string CreatedBy, string Origin, string Status, string SurveyKey)>(
            "select created_by, origin, status, survey_key from invitations where created_by in ('case:case-follow-1', 'case:case-follow-2', 'case:case-follow-3')")).ToList();
        Assert.Equal([("case:case-follow-1", "manual", "sent", TestSurveyCatalog.Key)], rows);
    }

    [Fact]
    public async Task A_follow_up_for_a_customer_without_consent_is_suppressed()
    {
        await using var harness = new SendingHarness(databases, o => o.FollowUp["complaint"] = TestSurveyCatalog.Key);
        var (customer, _) = await harness.CustomerAsync(Region);

        await harness.Get<FollowUpSurveys>().CaseClosedAsync(Closure("case-follow-4", "complaint", customer), Cancellation);

        await using var connection = await databases.Regions.For(Region).OpenConnectionAsync(Cancellation);
        Assert.Equal(("suppressed", "no-consent:" + TestSurveyCatalog.Purpose), await connection.QuerySingleAsync<(string, string)>(
            "select status, reason from invitations where created_by = 'case:case-follow-4'"));
    }
}
