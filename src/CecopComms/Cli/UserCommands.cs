using System.CommandLine;
using System.Text;
using CecopComms.Web.Admin;
using Microsoft.Extensions.DependencyInjection;
using static CecopComms.Cli.ConsoleOutput;

namespace CecopComms.Cli;

/// <summary>cecop users add|list: staff accounts of the admin pages.</summary>
public static class UserCommands
{
    public static Command Create() => new("users", "Staff accounts that sign in to the admin pages (cecop serve, /admin).")
    {
        Add(), List(),
    };

    private static Command Add()
    {
        var email = new Argument<string>("email") { Description = "The address the person signs in with." };
        var name = new Option<string>("--name") { Description = "Their name.", DefaultValueFactory = _ => "" };
        var role = new Option<string>("--role") { Description = "admin, editor or viewer.", DefaultValueFactory = _ => "viewer" };
        var passwordFile = new Option<string?>("--password-file") { Description = "Read the password from this file (first line). Without it, from standard input; never as an argument, which other users of the machine could see." };
        var command = new Command("add", $"Create an account. The password ({PasswordHasher.MinimumLength} characters or more) comes from standard input or --password-file.") { email, name, role, passwordFile };
        command.SetRun(async (parse, services, ct) =>
        {
            var password = await ReadPasswordAsync(parse.GetValue(passwordFile), ct);
            var user = await ActivatorUtilities.CreateInstance<UserStore>(services)
                .AddAsync(parse.GetValue(email)!, parse.GetValue(name)!, parse.GetValue(role)!, password, ct);
            await CommandLineActivity.RecordAsync(services, "role-change", user.Email, $"Account created with the role {user.Role}.");
            Line($"Account {user.Email} ({user.Role}) created.");
            return ExitCodes.Success;
        });
        return command;
    }

    private static Command List()
    {
        var command = new Command("list", "List the accounts (never their passwords).") { CliOptions.Format };
        command.SetRun(async (parse, services, ct) =>
        {
            var users = await ActivatorUtilities.CreateInstance<UserStore>(services).ListAsync(ct);
            if (parse.WantsJson()) WriteJson(users);
            else Write(users.Aggregate(Table("email", "name", "role", "last sign-in", "locked until"),
                (table, u) => table.Row(u.Email, u.Name, u.Role, u.LastLoginAt, u.LockedUntil)));
            return ExitCodes.Success;
        });
        return command;
    }

    /// <exception cref="UsageException">The file does not exist, or no password was given.</exception>
    private static async Task<string> ReadPasswordAsync(string? file, CancellationToken cancellationToken)
    {
        string? text;
        if (file is not null)
        {
            var path = Path.GetFullPath(file);
            if (!File.Exists(path)) throw new UsageException($"The password file {path} does not exist.");
            text = (await File.ReadAllLinesAsync(path, cancellationToken)).FirstOrDefault();
        }
        else if (Console.IsInputRedirected)
        {
            text = await Console.In.ReadLineAsync(cancellationToken);
        }
        else
        {
            // At a terminal: read without echo.
            Console.Error.Write("Password: ");
            var typed = new StringBuilder();
            for (var key = Console.ReadKey(intercept: true); key.Key != ConsoleKey.Enter; key = Console.ReadKey(intercept: true))
            {
                if (key.Key == ConsoleKey.Backspace) { if (typed.Length > 0) typed.Length--; }
                else if (!char.IsControl(key.KeyChar)) typed.Append(key.KeyChar);
            }
            Console.Error.WriteLine();
            text = typed.ToString();
        }
        if (string.IsNullOrEmpty(text)) throw new UsageException("No password was given: pipe it on standard input or name a file with --password-file.");
        return text.TrimEnd('\r', '\n');
    }
}
