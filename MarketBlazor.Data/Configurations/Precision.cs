namespace MarketBlazor.Data.Configurations;

/// <summary>Column precisions shared by every entity: cash and shares to the millionth, prices to 1e-10.</summary>
internal static class Precision
{
    public const int Digits = 20;
    public const int MoneyScale = 6;
    public const int PriceDigits = 12;
    public const int PriceScale = 10;
}
