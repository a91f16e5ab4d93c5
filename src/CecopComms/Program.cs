using CecopComms.Cli;

return await CliApplication.RunAsync(args);
