namespace CemOnPrem.Identity.Hosting;

/// <summary>What the identity part needs from the host: the control database and the data folder.</summary>
public sealed record IdentityHostContext(string ControlConnectionString, string DataDirectory);
