using System.Net;
using System.Text.Json;
using CemOnPrem.Surveys.Invitations;
using CemOnPrem.Surveys.Responses;
using CemOnPrem.Testing.Postgres;
using Dapper;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace CemOnPrem.Server.Tests.Surveys.Respondent;

/// <summary>
/// The real server (the real response store included) with <see cref="RespondentSurveyPack"/> and invitations written straight into the region database
/// (the invitations part makes them in production). With <c>kestrel</c> it listens on a loopback port a browser can
/// reach (the in-memory test server cannot be).
/// </summary>
public sealed class RespondentSite : IAsyncDisposable
{
    private RespondentSite(Support.ServerDatabases databases, WebApplicationFactory<Program> site, Uri? address)
    {
        Databases = databases;
        Site = site;
        Address = address;
    }

    public WebApplicationFactory<Program> Site { get; }

    /// <summary>The Kestrel address (http://127.0.0.1:port) when started with Kestrel.</summary>
    public Uri? Address { get; }

    public Support.ServerDatabases Databases { get; }

    /// <param name="create">Makes the server from its databases and settings (another test project has its own factory).</param>
    public static async Task<RespondentSite> StartAsync(PostgresServer postgres, bool kestrel,
        Func<Support.ServerDatabases, IReadOnlyDictionary<string, string?>, WebApplicationFactory<Program>> create, IReadOnlyDictionary<string, string?>? settings = null)
    {
        ArgumentNullException.ThrowIfNull(postgres);
        ArgumentNullException.ThrowIfNull(create);
        var all = RespondentSurveyPack.Write(Directory.CreateTempSubdirectory("cem-respondent-packs-").FullName);
        foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
        {
            all[key] = value;
        }

        var databases = await Support.ServerDatabases.CreateAsync(postgres);
        var server = create(databases, all);
        var site = server;
        if (!kestrel)
        {
            _ = site.Server;
            return new RespondentSite(databases, site, null);
        }

        site.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        site.StartServer();
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new RespondentSite(databases, site, new Uri(address));
    }

    /// <summary>A browser-like client: cookies kept, redirects not followed (tests look at them).</summary>
    public HttpClient Browser() => Site.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true });

    /// <summary>An invitation to the test survey; returns its link token.</summary>
    public async Task<string> InviteAsync(string language = "en", IReadOnlyDictionary<string, string>? attributes = null,
        DateTimeOffset? expiresAt = null, string status = "sent", string region = Support.ServerDatabases.Eu)
    {
        var (token, hash) = InvitationTokens.New();
        await using var connection = new NpgsqlConnection(Databases.Regions[region]);
        await connection.ExecuteAsync("""
            insert into invitations (invitation_id, region, survey_key, survey_version, origin, org_unit, attributes, language, channel,
                token_hash, status, created_at, created_by, send_after, expires_at)
            values (@id, @region, @key, @version, 'manual', 'branch-01', @attributes::jsonb, @language, 'link', @hash, @status, now(), 'test', now(), @expires)
            """, new
        {
            id = Guid.NewGuid(), region, key = RespondentSurveyPack.Key, version = RespondentSurveyPack.Version,
            attributes = JsonSerializer.Serialize(attributes ?? new Dictionary<string, string>()), language, hash, status,
            expires = (expiresAt ?? DateTimeOffset.UtcNow.AddDays(14)).UtcDateTime,
        });
        return token;
    }

    /// <summary>The invitation's status and whether it was opened.</summary>
    public async Task<(string Status, bool Opened)> InvitationAsync(string token, string region = Support.ServerDatabases.Eu)
    {
        await using var connection = new NpgsqlConnection(Databases.Regions[region]);
        var row = await connection.QuerySingleAsync<(string, bool)>(
            "select status, opened_at is not null from invitations where token_hash = @hash", new { hash = InvitationTokens.Hash(token) });
        return row;
    }

    /// <summary>The answers the store holds for the link.</summary>
    public async Task<IReadOnlyDictionary<string, IReadOnlyList<string>>> AnswersAsync(string token)
    {
        var invitation = await Site.Services.GetRequiredService<InvitationLookup>().FindByTokenAsync(token, CancellationToken.None)
            ?? throw new InvalidOperationException("No such invitation.");
        return await Site.Services.GetRequiredService<ISurveyResponseStore>().LoadAsync(invitation, CancellationToken.None);
    }

    public async ValueTask DisposeAsync()
    {
        await Site.DisposeAsync();
    }
}
