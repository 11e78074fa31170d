using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.Commands;

/// <summary>
/// <c>users add EMAIL [--admin] [--name NAME]</c>: a person with their trading account and starting
/// grant (through <see cref="UserAccounts"/>, as sign-up does) and a generated password, printed
/// once, alone on the last line.
/// </summary>
internal sealed record AddUserCommand(string Email, bool Admin, string? Name) : IAdminCommand
{
    public static (IAdminCommand? Command, string? Error) Parse(string[] args)
    {
        var (arguments, error) = CommandArguments.Parse(args, ["--admin"], ["--name"]);
        if (arguments is null) return (null, error);
        var name = arguments.Option("--name");
        if (name is { Length: > 80 }) return (null, "--name must be at most 80 characters.");
        return (new AddUserCommand(arguments.Email, arguments.Has("--admin"), name), null);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var people = scope.ServiceProvider.GetRequiredService<UserAccounts>();
        var password = UserAccounts.GeneratePassword();
        var (user, errors) = await people.CreateAsync(Email, password, Name);
        if (user is null)
        {
            output.WriteLine($"Could not create {Email}: {Describe(errors)}");
            return 1;
        }
        if (Admin)
        {
            var promoted = await people.MakeAdminAsync(user);
            if (!promoted.Succeeded)
            {
                output.WriteLine($"Created {Email}, but could not make them an admin: {Describe(promoted.Errors)}");
                return 1;
            }
        }

        var account = user.Account!;
        output.WriteLine($"Created {(Admin ? "admin " : "")}{user.Email} (\"{user.DisplayName}\", account {account.Id}, balance {account.Balance:N2}).");
        output.WriteLine("Password (shown once; sign in at /Account/Login):");
        output.WriteLine(password);
        return 0;
    }

    private static string Describe(IEnumerable<IdentityError> errors) => string.Join(" ", errors.Select(e => e.Description));
}
