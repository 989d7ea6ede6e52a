using CemOnPrem.Cases.Handling;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Distribution;
using Dapper;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Surveys.Invitations;

/// <summary>
/// The cases' closure hook: a closed case of a type configured under <c>Cem:Surveys:FollowUp:{caseType}</c> that has
/// a customer gets an invitation to that survey (origin manual, created by <c>case:{id}</c>), with the same consent
/// and frequency rules as any other. A case closed again after reopening is not asked about twice.
/// </summary>
public sealed partial class FollowUpSurveys(
    ManualInvitations manual, RegionDatabases regions, ChannelChoice channels, IOptions<InvitationOptions> options, ILogger<FollowUpSurveys> logger)
    : ICaseClosureHook
{
    public async Task CaseClosedAsync(CaseClosure closure, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(closure);
        if (closure.CustomerId is not { } customerId || !options.Value.FollowUp.TryGetValue(closure.CaseType, out var surveyKey))
        {
            return;
        }

        var createdBy = "case:" + closure.CaseId;
        await using (var connection = await regions.For(closure.Region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await connection.ExecuteScalarAsync<bool>(new CommandDefinition(
                    "select exists (select 1 from invitations where created_by = @createdBy)", new { createdBy }, cancellationToken: cancellationToken))
                .ConfigureAwait(false))
            {
                return;
            }

            var types = (await connection.QueryAsync<string>(new CommandDefinition(
                "select distinct id_type from customer_identities where customer_id = @customerId", new { customerId }, cancellationToken: cancellationToken))
                .ConfigureAwait(false)).ToList();
            var request = new ManualInvitation(closure.Region, surveyKey, customerId, closure.OrgUnit ?? closure.QueueUnit, null, channels.Choose(types), null,
                IgnoreFrequencyCap: false, createdBy);
            var result = await manual.CreateAsync(request, cancellationToken).ConfigureAwait(false);
            if (result is null)
            {
                LogUnknownSurvey(logger, closure.CaseType, surveyKey);
            }
            else
            {
                LogInvited(logger, closure.Region, closure.CaseId, result.Status, result.Reason ?? "");
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up survey for case type {CaseType}: '{SurveyKey}' is not a published survey (Cem:Surveys:FollowUp)")]
    private static partial void LogUnknownSurvey(ILogger logger, string caseType, string surveyKey);

    [LoggerMessage(Level = LogLevel.Information, Message = "Follow-up survey for case {Region}/{CaseId}: {Status} {Reason}")]
    private static partial void LogInvited(ILogger logger, string region, string caseId, string status, string reason);
}
