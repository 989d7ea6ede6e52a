using CemOnPrem.Storage.Databases;
using Dapper;

namespace CemOnPrem.Surveys.Statistics;

/// <summary>
/// Reads answer counts from <c>survey_answers</c> joined to completed <c>survey_responses</c> (and their invitation,
/// for the channel) in every region this node serves. Only counts leave the database: free text is never read.
/// </summary>
internal sealed class AnswerCountsReader(RegionDatabases regions)
{
    private const string From = """
        from survey_answers a
        join survey_responses r on r.response_id = a.response_id
        join invitations i on i.invitation_id = r.invitation_id
        where r.survey_key = @key and r.status = 'completed' and r.completed_at >= @start and r.completed_at < @end
          and (@units::text[] is null or r.org_unit = any(@units)) and (@channel::text is null or i.channel = @channel)
        """;

    public async Task<AnswerCounts> ReadAsync(string key, StatisticsQuery query, CancellationToken cancellationToken)
    {
        var counts = new AnswerCounts();
        var parameters = new { key, start = query.Start, end = query.End, units = query.OrgUnits?.ToArray(), channel = query.Channel };
        foreach (var region in regions.Regions)
        {
            await using var connection = await regions.For(region).OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
            var answered = await connection.QueryAsync<(string Key, long Count)>(new CommandDefinition(
                $"select a.answer_key, count(*) {From} group by a.answer_key", parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (answerKey, count) in answered)
            {
                counts.Answered[answerKey] = counts.Answered.GetValueOrDefault(answerKey) + count;
            }

            var numbers = await connection.QueryAsync<(string Key, int Value, long Count)>(new CommandDefinition(
                $"select a.answer_key, a.number_value, count(*) {From} and a.number_value is not null group by 1, 2", parameters,
                cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (answerKey, value, count) in numbers)
            {
                counts.Numbers[(answerKey, value)] = counts.Numbers.GetValueOrDefault((answerKey, value)) + count;
            }

            var options = await connection.QueryAsync<(string Key, string Option, long Count)>(new CommandDefinition(
                $"select answer_key, option, count(*) from (select a.answer_key, unnest(a.choices) as option {From}) as picked group by 1, 2",
                parameters, cancellationToken: cancellationToken)).ConfigureAwait(false);
            foreach (var (answerKey, option, count) in options)
            {
                counts.Options[(answerKey, option)] = counts.Options.GetValueOrDefault((answerKey, option)) + count;
            }
        }

        return counts;
    }
}
