namespace CemOnPrem.Identity.Authorization;

/// <summary>OAuth scopes this server issues.</summary>
public static class CemScopes
{
    /// <summary>Channel clients posting events (client credentials).</summary>
    public const string Ingest = "cem.ingest";

    /// <summary>People calling the API through the admin UI or tools (authorization code + PKCE).</summary>
    public const string Api = "cem.api";
}
