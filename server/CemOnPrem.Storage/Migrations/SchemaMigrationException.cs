namespace CemOnPrem.Storage.Migrations;

public sealed class SchemaMigrationException(string message, Exception? inner) : Exception(message, inner);
