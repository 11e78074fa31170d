namespace MarketBlazor.App.Components.Pages.Markets;

public enum BoardSort
{
    Volume,
    BiggestMovers,
    ClosingSoon,
}
