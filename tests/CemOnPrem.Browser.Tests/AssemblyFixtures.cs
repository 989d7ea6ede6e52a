using CemOnPrem.Testing.Postgres;

[assembly: AssemblyFixture(typeof(PostgresServer))]
