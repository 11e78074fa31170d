namespace MarketBlazor.App.Components.Account;

/// <summary>What the browser is asked to do with a passkey: create one (Manage/Passkeys) or sign in with one (Login).</summary>
public enum PasskeyOperation
{
    Create = 0,
    Request = 1,
}
