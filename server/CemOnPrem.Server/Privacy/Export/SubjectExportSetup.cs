using CemOnPrem.Governance.Requests;

namespace CemOnPrem.Server.Privacy.Export;

/// <summary>The data-subject export and its categories; cases will register the same way; access requests are fulfilled by it.</summary>
public static class SubjectExportSetup
{
    public static WebApplicationBuilder AddCemSubjectExport(this WebApplicationBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Services.AddSingleton<SubjectEvents>();
        // Registration order is the order of the files in the zip.
        builder.Services.AddSingleton<IExportCategory, ProfileCategory>();
        builder.Services.AddSingleton<IExportCategory, IdentitiesCategory>();
        builder.Services.AddSingleton<IExportCategory, EventsCategory>();
        builder.Services.AddSingleton<IExportCategory, FeedbackCategory>();
        builder.Services.AddSingleton<IExportCategory, JourneysCategory>();
        builder.Services.AddSingleton<IExportCategory, ConsentsCategory>();
        builder.Services.AddSingleton<IAccessRequestFulfilment, SubjectExportFulfilment>();
        return builder;
    }
}
