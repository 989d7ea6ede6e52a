using CemOnPrem.Delivery;
using Microsoft.Extensions.Options;

namespace CemOnPrem.Cases.Notifications;

/// <summary>Checks <c>Cem:Cases:Notifications</c> and <c>Cem:Cases:Smtp</c> at start; each message names the setting to fix.</summary>
public sealed class NotificationsOptionsValidator : IValidateOptions<NotificationsOptions>, IValidateOptions<SmtpOptions>
{
    public ValidateOptionsResult Validate(string? name, NotificationsOptions options) => Of(options.Validate());

    public ValidateOptionsResult Validate(string? name, SmtpOptions options) => Of(options.Validate(NotificationsOptions.SmtpSection));

    private static ValidateOptionsResult Of(IEnumerable<string> failures)
    {
        var list = failures.ToList();
        return list.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(list);
    }
}
