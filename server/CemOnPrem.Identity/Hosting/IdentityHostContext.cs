using Npgsql;

namespace CemOnPrem.Identity.Hosting;

/// <summary>
/// What the identity part needs from the host: the control database (the host's own data source, so identity
/// shares the node's capped connection pool instead of opening a second one) and the data folder.
/// </summary>
public sealed record IdentityHostContext(NpgsqlDataSource ControlDataSource, string DataDirectory);
