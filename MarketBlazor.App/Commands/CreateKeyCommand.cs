using MarketBlazor.App.People;
using MarketBlazor.Data.Entities;
using Microsoft.AspNetCore.Identity;

namespace MarketBlazor.App.Commands;

/// <summary>
/// <c>keys create EMAIL [--name NAME]</c>: a personal API key for an existing person. The key is
/// shown once, alone on the last line of standard output, so a script can take it with <c>tail -n 1</c>.
/// </summary>
internal sealed record CreateKeyCommand(string Email, string Name) : IAdminCommand
{
    private const string DefaultName = "Created from the command line";

    public static (IAdminCommand? Command, string? Error) Parse(string[] args)
    {
        var (arguments, error) = CommandArguments.Parse(args, [], ["--name"]);
        if (arguments is null) return (null, error);
        var name = arguments.Option("--name") ?? DefaultName;
        if (name.Length > ApiKeys.MaxNameLength) return (null, $"--name must be at most {ApiKeys.MaxNameLength} characters.");
        return (new CreateKeyCommand(arguments.Email, name), null);
    }

    public async Task<int> RunAsync(IServiceProvider services, TextWriter output, CancellationToken cancellationToken = default)
    {
        await using var scope = services.CreateAsyncScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<MarketUser>>();
        if (await users.FindByEmailAsync(Email) is not { } user)
        {
            output.WriteLine($"No user has the e-mail address {Email}; create one with 'users add {Email}'.");
            return 1;
        }

        var (key, listing) = await services.GetRequiredService<ApiKeys>().CreateAsync(user.Id, Name, cancellationToken);
        output.WriteLine($"Created API key {listing.Id} \"{listing.Name}\" ({listing.Prefix}…) for {user.Email}. Shown once:");
        output.WriteLine(key);
        return 0;
    }
}
