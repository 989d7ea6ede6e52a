namespace CemOnPrem.Storage.Migrations;

/// <summary>Which schema a database carries; each has its own embedded, versioned SQL scripts.</summary>
public enum SchemaKind
{
    Control,
    Region,
}
