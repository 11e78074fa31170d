namespace MarketBlazor.Data.Lifecycle;

/// <summary>The launch rules of issue 9: what a proposal must satisfy before anything is written.</summary>
public static class ProposalValidator
{
    public const int MinQuestionLength = 10;
    public const int MaxQuestionLength = 200;
    public const int MaxDescriptionLength = 4000;
    public const int MaxCategoryLength = 40;
    public static readonly TimeSpan LongestLife = TimeSpan.FromDays(5 * 365);

    /// <summary>The liquidity presets (b): deeper markets cost a larger subsidy and move less per trade.</summary>
    public static readonly IReadOnlyList<decimal> LiquidityPresets = [50m, 100m, 250m, 500m];

    /// <returns>Why the proposal cannot be launched, or null when it can.</returns>
    public static string? Problem(MarketProposal proposal, DateTimeOffset now)
    {
        var question = proposal.Question?.Trim() ?? "";
        if (question.Length is < MinQuestionLength or > MaxQuestionLength)
            return $"question must be {MinQuestionLength} to {MaxQuestionLength} characters.";
        if ((proposal.Description?.Length ?? 0) > MaxDescriptionLength)
            return $"description must be at most {MaxDescriptionLength} characters.";
        var category = proposal.Category?.Trim() ?? "";
        if (category.Length is 0 or > MaxCategoryLength)
            return $"category must be 1 to {MaxCategoryLength} characters.";
        if (proposal.ClosesAt <= now) return "closesAt must be in the future.";
        if (proposal.ClosesAt > now + LongestLife) return "closesAt must be within 5 years.";
        if (proposal.InitialProbability is < MarketLaunch.MinimumProbability or > MarketLaunch.MaximumProbability)
            return $"initialProbability must be between {MarketLaunch.MinimumProbability} and {MarketLaunch.MaximumProbability}.";
        if (!LiquidityPresets.Contains(proposal.Liquidity))
            return $"liquidity must be one of {string.Join(", ", LiquidityPresets)}.";
        return null;
    }
}
