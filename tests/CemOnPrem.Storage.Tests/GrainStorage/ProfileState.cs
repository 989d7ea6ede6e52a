namespace CemOnPrem.Storage.Tests.GrainStorage;

public sealed record ProfileState(string Name, int Visits);
