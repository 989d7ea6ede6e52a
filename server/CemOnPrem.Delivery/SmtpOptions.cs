namespace CemOnPrem.Delivery;

/// <summary>
/// A mail server to send through (each module binds its own section, e.g. <c>Cem:Cases:Smtp</c>). E-mail is off while
/// Host is empty.
/// </summary>
public sealed class SmtpOptions
{
    public string Host { get; set; } = "";

    public int Port { get; set; } = 587;

    /// <summary>none | starttls | tls (implicit TLS, usually port 465).</summary>
    public string Security { get; set; } = "starttls";

    public string UserName { get; set; } = "";

    public string Password { get; set; } = "";

    /// <summary>A file holding the password (a mounted secret); wins over <see cref="Password"/>.</summary>
    public string PasswordFile { get; set; } = "";

    /// <summary>The sender, e.g. <c>CEM &lt;cem@bank.example&gt;</c>.</summary>
    public string From { get; set; } = "";

    public bool IsEnabled => Host.Length > 0;

    /// <param name="section">The configuration section these settings were bound from (named in each message).</param>
    public IEnumerable<string> Validate(string section)
    {
        if (!IsEnabled)
        {
            yield break;
        }

        if (Port is < 1 or > 65535)
        {
            yield return $"{section}:Port must be 1-65535 (it is {Port}).";
        }

        if (Security is not ("none" or "starttls" or "tls"))
        {
            yield return $"{section}:Security must be none, starttls or tls.";
        }

        if (!MimeKit.MailboxAddress.TryParse(From, out _))
        {
            yield return $"{section}:From must be a mail address (e.g. \"CEM <cem@bank.example>\") when {section}:Host is set.";
        }

        if (PasswordFile.Length > 0 && !File.Exists(PasswordFile))
        {
            yield return $"{section}:PasswordFile names no readable file.";
        }

        if ((Password.Length > 0 || PasswordFile.Length > 0) && UserName.Length == 0)
        {
            yield return $"{section}:UserName is required with a password.";
        }
    }

    /// <summary>The password from <see cref="PasswordFile"/> (trimmed) or <see cref="Password"/>; empty when none.</summary>
    public string ResolvePassword() => PasswordFile.Length > 0 ? File.ReadAllText(PasswordFile).Trim() : Password;
}
