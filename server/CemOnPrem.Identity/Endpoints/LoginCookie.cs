namespace CemOnPrem.Identity.Endpoints;

/// <summary>
/// The short-lived cookie that remembers a person signed in on the login page, only so the authorization
/// endpoint can issue a code. The API never accepts it: API calls need bearer tokens.
/// </summary>
public static class LoginCookie
{
    public const string Scheme = "cem-login";
}
