using System.Collections.Concurrent;
using CemOnPrem.Sdk.Engine.Surveys;
using CemOnPrem.Storage.Databases;
using CemOnPrem.Surveys.Definitions;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Responses;
using Dapper;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>
/// A test double of the response store for as long as the real one (the responses part, built in parallel) is not
/// registered: answers in memory, checked with the same engine validation, the invitation marked completed in its
/// region database. <see cref="RespondentSite"/> registers it only when no real store is.
/// </summary>
internal sealed class InterimResponseStore(RegionDatabases regions) : ISurveyResponseStore
{
    private readonly ConcurrentDictionary<Guid, IReadOnlyDictionary<string, IReadOnlyList<string>>> _answers = new();

    public Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> LoadAsync(SurveyInvitation invitation, CancellationToken cancellationToken) =>
        Task.FromResult(_answers.TryGetValue(invitation.InvitationId, out var saved) ? saved : new Dictionary<string, IReadOnlyList<string>>());

    public Task<ResponseOutcome> SaveProgressAsync(SurveyInvitation invitation, PublishedSurvey survey,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken) =>
        Task.FromResult(Keep(invitation, survey, answers, complete: false));

    public async Task<ResponseOutcome> CompleteAsync(SurveyInvitation invitation, PublishedSurvey survey,
        IReadOnlyDictionary<string, IReadOnlyList<string>> answers, CancellationToken cancellationToken)
    {
        var outcome = Keep(invitation, survey, answers, complete: true);
        if (outcome.Status == ResponseStatus.Stored)
        {
            await using var connection = await regions.For(invitation.Region).OpenConnectionAsync(cancellationToken);
            var updated = await connection.ExecuteAsync(
                "update invitations set status = 'completed', completed_at = now() where invitation_id = @id and status <> 'completed'",
                new { id = invitation.InvitationId });
            return updated == 1 ? outcome : ResponseOutcome.Of(ResponseStatus.AlreadyAnswered);
        }

        return outcome;
    }

    private ResponseOutcome Keep(SurveyInvitation invitation, PublishedSurvey survey, IReadOnlyDictionary<string, IReadOnlyList<string>> answers, bool complete)
    {
        var problems = SurveyResponseValidation.Validate(survey.Template, answers, invitation.Attributes, complete);
        if (problems.Count > 0)
        {
            return new(ResponseStatus.Invalid, problems, null);
        }

        _answers[invitation.InvitationId] = answers;
        return ResponseOutcome.Of(ResponseStatus.Stored);
    }
}
