using MarketBlazor.App.Components.Pages.Markets;

namespace MarketBlazor.Tests.Unit;

public class BoardQueryTests
{
    [Fact]
    public void Every_filter_round_trips_through_its_query_parameters()
    {
        var query = new BoardQuery("rain in Paris", "Weather", BoardSort.ClosingSoon, BoardStatus.Resolved);

        var parameters = query.ToQueryParameters();

        Assert.Equal("rain in Paris", parameters[BoardQuery.SearchKey]);
        Assert.Equal("Weather", parameters[BoardQuery.CategoryKey]);
        Assert.Equal("closing", parameters[BoardQuery.SortKey]);
        Assert.Equal("resolved", parameters[BoardQuery.StatusKey]);
        Assert.Equal(query, Parse(parameters));
        foreach (var sort in Enum.GetValues<BoardSort>())
        foreach (var status in Enum.GetValues<BoardStatus>())
            Assert.Equal(query with { Sort = sort, Status = status }, Parse((query with { Sort = sort, Status = status }).ToQueryParameters()));
    }

    [Fact]
    public void Defaults_stay_out_of_the_url()
    {
        Assert.All(BoardQuery.Default.ToQueryParameters().Values, Assert.Null);
        Assert.Null((BoardQuery.Default with { Search = "   " }).ToQueryParameters()[BoardQuery.SearchKey]);
        Assert.Equal(BoardQuery.Default, BoardQuery.Parse(null, null, null, null));
    }

    [Theory]
    [InlineData("sideways", "pending")]
    [InlineData("", "")]
    [InlineData("1", "2")]
    public void Unknown_sort_and_status_fall_back_to_the_defaults(string sort, string status)
    {
        var query = BoardQuery.Parse("rain", "Weather", sort, status);

        Assert.Equal(new BoardQuery("rain", "Weather", BoardSort.Volume, BoardStatus.Open), query);
    }

    [Fact]
    public void Names_are_read_without_regard_to_case_and_the_search_is_trimmed_and_capped()
    {
        Assert.Equal(new BoardQuery("rain", "", BoardSort.BiggestMovers, BoardStatus.Closed), BoardQuery.Parse("  rain ", null, "MOVERS", "Closed"));
        Assert.Equal(BoardQuery.MaxSearchLength, BoardQuery.Parse(new string('x', 5_000), null, null, null).Search.Length);
    }

    [Fact]
    public void A_query_as_in_the_url_is_what_parsing_its_own_parameters_gives()
    {
        var typing = new BoardQuery("rain ", "Weather", BoardSort.Volume, BoardStatus.Open);

        Assert.Equal(typing with { Search = "rain" }, typing.AsInUrl());
        Assert.Equal(typing.AsInUrl(), Parse(typing.ToQueryParameters()));
    }

    private static BoardQuery Parse(IReadOnlyDictionary<string, object?> parameters) => BoardQuery.Parse(
        parameters[BoardQuery.SearchKey] as string, parameters[BoardQuery.CategoryKey] as string,
        parameters[BoardQuery.SortKey] as string, parameters[BoardQuery.StatusKey] as string);
}
