using Microsoft.AspNetCore.Components;

namespace MarketBlazor.App.Components.Shared;

/// <summary>Addresses of the account pages that bring the visitor back to where they were.</summary>
public static class SignInHref
{
    public static string Login(NavigationManager navigation) => WithReturn("Account/Login", navigation);

    public static string Register(NavigationManager navigation) => WithReturn("Account/Register", navigation);

    private static string WithReturn(string page, NavigationManager navigation)
    {
        var here = navigation.ToBaseRelativePath(navigation.Uri);
        // Returning to an account page (e.g. signing in from the Lockout page) would loop; go home instead.
        return here.Length == 0 || here.StartsWith("Account/", StringComparison.OrdinalIgnoreCase)
            ? page
            : $"{page}?returnUrl={Uri.EscapeDataString(here)}";
    }
}
