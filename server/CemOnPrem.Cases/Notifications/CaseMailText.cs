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
        text.AppendLine(CultureInfo.InvariantCulture, $"Case {n.CaseId} ({n.Type}, priority {n.Priority}) {en}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"Queue: {n.QueueUnit}. State: {n.State}.");
        text.AppendLine(CultureInfo.InvariantCulture, $"SLA due: {Instant(n.SlaDueAt)}.");
        if (n.RegulatoryDueAt is { } regEn)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Regulatory due: {Instant(regEn)}.");
        }

        if (link is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"Open: {link}");
        }

        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"工单 {n.CaseId}（{n.Type}，优先级 {n.Priority}）{zh}。");
        text.AppendLine(CultureInfo.InvariantCulture, $"队列：{n.QueueUnit}。状态：{n.State}。");
        text.AppendLine(CultureInfo.InvariantCulture, $"服务时限：{Instant(n.SlaDueAt)}。");
        if (n.RegulatoryDueAt is { } regZh)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"监管时限：{Instant(regZh)}。");
        }

        if (link is not null)
        {
            text.AppendLine(CultureInfo.InvariantCulture, $"查看：{link}");
        }

        return text.ToString();
    }

    private static (string En, string Zh) Names(string caseEvent) => Events.TryGetValue(caseEvent, out var names) ? names : (caseEvent, caseEvent);

    private static string Instant(DateTimeOffset at) => at.UtcDateTime.ToString("yyyy-MM-dd HH:mm 'UTC'", CultureInfo.InvariantCulture);
}
