namespace MarketBlazor.App.Api;

/// <summary>Endpoint metadata: what an endpoint's JSON body is called and should look like, for the message when it cannot be read.</summary>
internal sealed record JsonBodyShape(string Noun, string Expected);
