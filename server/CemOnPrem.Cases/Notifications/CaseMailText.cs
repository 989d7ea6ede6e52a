using System.Globalization;
using System.Text;

namespace CemOnPrem.Cases.Notifications;

/// <summary>The bilingual (English / 中文) e-mail for a case event: ids, type, event, due instants and a link; no customer data.</summary>
public static class CaseMailText
{
    private static readonly Dictionary<string, (string En, string Zh)> Events = new(StringComparer.Ordinal)
    {
        [CaseEvents.Opened] = ("opened", "已创建"),
        [CaseEvents.Assigned] = ("assigned to you", "已分配给您"),
        [CaseEvents.Warning] = ("SLA warning", "服务时限预警"),
        [CaseEvents.Breached] = ("SLA breached", "已超出服务时限"),
        [CaseEvents.Escalated] = ("escalated", "已升级"),
        [CaseEvents.Resolved] = ("resolved", "已解决"),
        [CaseEvents.Closed] = ("closed", "已关闭"),
    };

    private static readonly Labels English = new(
        "Case {0} ({1}, priority {2}) {3}.", "Queue: {0}. State: {1}.", "SLA due: {0}.", "Regulatory due: {0}.", "Open: {0}");

    private static readonly Labels Chinese = new(
        "工单 {0}（{1}，优先级 {2}）{3}。", "队列：{0}。状态：{1}。", "服务时限：{0}。", "监管时限：{0}。", "查看：{0}");

    public static string Subject(CaseNotification n)
    {
        ArgumentNullException.ThrowIfNull(n);
        var (en, zh) = Names(n.Event);
        return $"[CEM] Case {n.CaseId} {en} / 工单 {n.CaseId} {zh}";
    }

    public static string Body(CaseNotification n, string linkBase)
    {
        ArgumentNullException.ThrowIfNull(n);
        ArgumentNullException.ThrowIfNull(linkBase);
        var (en, zh) = Names(n.Event);
        var link = linkBase.Length > 0 ? $"{linkBase.TrimEnd('/')}/{Uri.EscapeDataString(n.Region)}/{Uri.EscapeDataString(n.CaseId)}" : null;
        var text = new StringBuilder();
        Append(text, English, n, en, link);
        text.AppendLine();
        Append(text, Chinese, n, zh, link);
        return text.ToString();
    }

    private static void Append(StringBuilder text, Labels labels, CaseNotification n, string eventName, string? link)
    {
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, labels.Headline, n.CaseId, n.Type, n.Priority, eventName));
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, labels.Queue, n.QueueUnit, n.State));
        text.AppendLine(string.Format(CultureInfo.InvariantCulture, labels.SlaDue, Instant(n.SlaDueAt)));
        if (n.RegulatoryDueAt is { } regulatory)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, labels.RegulatoryDue, Instant(regulatory)));
        }

        if (link is not null)
        {
            text.AppendLine(string.Format(CultureInfo.InvariantCulture, labels.Open, link));
        }
    }

    private static (string En, string Zh) Names(string caseEvent) => Events.TryGetValue(caseEvent, out var names) ? names : (caseEvent, caseEvent);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);

    private sealed record Labels(string Headline, string Queue, string SlaDue, string RegulatoryDue, string Open);
}
