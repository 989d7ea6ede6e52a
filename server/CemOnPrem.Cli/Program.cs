using CemOnPrem.Cli;

return await CemCtl.RunAsync(args, Console.Out, Console.Error).ConfigureAwait(false);
