using CecopComms.Cli;

return await CliApplication.RunAsync(args);

/// <summary>The entry point; public so WebApplicationFactory&lt;Program&gt; can name it (its tests build the host with CecopComms.Web.WebApp).</summary>
public partial class Program;
