using System.ComponentModel.DataAnnotations;

namespace MarketBlazor.App.Commands;

/// <summary>
/// The arguments of <c>users add</c> and <c>keys create</c>: one e-mail address and flags, in any
/// order. Switches stand alone (<c>--admin</c>); options take the next argument (<c>--name NAME</c>).
/// </summary>
internal sealed class CommandArguments
{
    private static readonly EmailAddressAttribute EmailRule = new();

    private readonly HashSet<string> switches;
    private readonly Dictionary<string, string> options;

    private CommandArguments(string email, HashSet<string> switches, Dictionary<string, string> options)
    {
        Email = email;
        this.switches = switches;
        this.options = options;
    }

    public string Email { get; }

    public bool Has(string flag) => switches.Contains(flag);

    public string? Option(string flag) => options.GetValueOrDefault(flag);

    /// <returns>The arguments, or null and what is wrong with them.</returns>
    public static (CommandArguments? Arguments, string? Error) Parse(string[] args, IReadOnlyCollection<string> allowedSwitches, IReadOnlyCollection<string> allowedOptions)
    {
        string? email = null;
        var switches = new HashSet<string>();
        var options = new Dictionary<string, string>();
        for (var i = 0; i < args.Length; i++)
        {
            var arg = args[i];
            if (allowedSwitches.Contains(arg))
            {
                switches.Add(arg);
            }
            else if (allowedOptions.Contains(arg))
            {
                if (i + 1 >= args.Length || args[i + 1].StartsWith("--", StringComparison.Ordinal) || string.IsNullOrWhiteSpace(args[i + 1]))
                    return (null, $"{arg} needs a value.");
                options[arg] = args[++i].Trim();
            }
            else if (arg.StartsWith('-'))
            {
                return (null, $"Unknown option '{arg}'.");
            }
            else if (email is not null)
            {
                return (null, $"Unexpected argument '{arg}': give one e-mail address.");
            }
            else
            {
                email = arg.Trim();
            }
        }
        if (email is null) return (null, "An e-mail address is required.");
        if (!EmailRule.IsValid(email) || email.StartsWith('@') || email.EndsWith('@'))
            return (null, $"'{email}' is not a valid e-mail address.");

        return (new CommandArguments(email, switches, options), null);
    }
}
