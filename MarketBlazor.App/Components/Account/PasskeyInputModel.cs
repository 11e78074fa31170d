namespace MarketBlazor.App.Components.Account;

/// <summary>What PasskeySubmit.razor.js posts back: the browser's credential, or why it could not make one.</summary>
public sealed class PasskeyInputModel
{
    public string? CredentialJson { get; set; }
    public string? Error { get; set; }
}
