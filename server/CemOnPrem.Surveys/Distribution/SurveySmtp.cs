using CemOnPrem.Delivery;

namespace CemOnPrem.Surveys.Distribution;

/// <summary>
/// The mail server survey e-mails go through: named <see cref="SmtpOptions"/> bound from <c>Cem:Cases:Smtp</c> and then
/// <c>Cem:Surveys:Smtp</c>, so a bank with one mail server configures it once and may override any setting for surveys
/// (e.g. another <c>From</c>).
/// </summary>
public static class SurveySmtp
{
    public const string Name = "surveys";
    public const string Section = "Cem:Surveys:Smtp";
    public const string SharedSection = "Cem:Cases:Smtp";

    public static void Bind(IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<SmtpOptions>(Name).Bind(configuration.GetSection(SharedSection)).Bind(configuration.GetSection(Section)).ValidateOnStart();
    }
}
