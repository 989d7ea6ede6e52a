namespace CemOnPrem.Server.Hosting;

/// <summary>
/// Answers a binding failure (<see cref="BadHttpRequestException"/>) where it happens, inside the request log: the log
/// then shows the 400 the client got, not an unhandled exception and a 500 on its way to the exception handler.
/// </summary>
internal static class BadRequestCatcher
{
    public static IApplicationBuilder UseBadRequestProblems(this IApplicationBuilder app) =>
        app.Use(async (context, next) =>
        {
            try
            {
                await next(context).ConfigureAwait(false);
            }
            catch (BadHttpRequestException bad) when (!context.Response.HasStarted)
            {
                var problem = BadRequestProblems.From(bad, context.Request);
                context.Response.Clear();
                context.Response.StatusCode = problem.Status!.Value;
                await context.RequestServices.GetRequiredService<IProblemDetailsService>()
                    .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).ConfigureAwait(false);
            }
        });
}
