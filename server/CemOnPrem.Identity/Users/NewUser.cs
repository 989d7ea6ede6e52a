namespace CemOnPrem.Identity.Users;

/// <summary>A created user; <see cref="SecondFactor"/> is set when a role requires TOTP.</summary>
public sealed record NewUser(string Id, string UserName, SecondFactorKey? SecondFactor);
