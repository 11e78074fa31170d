namespace MarketBlazor.Data.Trading;

/// <summary>
/// Hanson's logarithmic market scoring rule, in doubles, written so that extreme share
/// imbalances (|qYes − qNo| of many b) give no NaN or overflow. Quantities are "this side"
/// and "the other side", so every formula serves Yes and No alike.
/// </summary>
public static class Lmsr
{
    /// <summary>C = b·ln(e^(qYes/b) + e^(qNo/b)), by log-sum-exp.</summary>
    public static double Cost(double qYes, double qNo, double b)
    {
        var max = Math.Max(qYes, qNo);
        return max + b * Math.Log(Math.Exp((qYes - max) / b) + Math.Exp((qNo - max) / b));
    }

    /// <summary>Price of the side holding <paramref name="qSide"/>: 1 / (1 + e^((qOther − qSide)/b)).</summary>
    public static double Price(double qSide, double qOther, double b) => 1 / (1 + Math.Exp((qOther - qSide) / b));

    /// <summary>
    /// Shares bought by spending <paramref name="spend"/>: x = b·ln((e^(M/b) − 1 + p) / p),
    /// evaluated in log space because p can be smaller than a double's smallest normal.
    /// </summary>
    public static double SharesForSpend(double qSide, double qOther, double b, double spend)
    {
        var z = (qOther - qSide) / b;
        var logPrice = -Softplus(z);
        var otherPrice = 1 / (1 + Math.Exp(-z));
        var m = spend / b;
        var logNumerator = m < 30
            ? Math.Log(Math.Exp(logPrice) + ExpM1(m))
            : m + Log1P(-otherPrice * Math.Exp(-m));
        return b * (logNumerator - logPrice);
    }

    /// <summary>Cash paid for <paramref name="shares"/> more of this side: C(q + x) − C(q) = b·ln(1 + p·(e^(x/b) − 1)).</summary>
    public static double CostOfShares(double qSide, double qOther, double b, double shares)
    {
        var x = shares / b;
        return x < 30
            ? b * Log1P(Price(qSide, qOther, b) * ExpM1(x))
            : Cost(qSide + shares, qOther, b) - Cost(qSide, qOther, b);
    }

    /// <summary>Cash received for selling <paramref name="shares"/>: C(q) − C(q − x) = −b·ln(1 − p·(1 − e^(−x/b))).</summary>
    public static double ProceedsOfSale(double qSide, double qOther, double b, double shares)
    {
        var price = Price(qSide, qOther, b);
        var fraction = -price * ExpM1(-shares / b);
        if (fraction < 0.5) return -b * Log1P(-fraction);
        // Near 1, "1 − fraction" cancels catastrophically; (1 − p) + p·e^(−x/b) adds two positives instead.
        return -b * Math.Log(Price(qOther, qSide, b) + price * Math.Exp(-shares / b));
    }

    /// <summary>The most the house can lose on one market.</summary>
    public static double WorstCaseLoss(double b) => b * Math.Log(2);

    private static double Softplus(double z) => z > 0 ? z + Log1P(Math.Exp(-z)) : Log1P(Math.Exp(z));

    // .NET's double.ExpM1 / LogP1 are Exp(x) − 1 and Log(1 + x): they lose every digit for tiny x.
    // These are Kahan's accurate forms.
    internal static double ExpM1(double x)
    {
        var u = Math.Exp(x);
        if (u == 1.0) return x;
        var um1 = u - 1.0;
        if (um1 == -1.0) return -1.0;
        return double.IsPositiveInfinity(u) ? u : um1 * x / Math.Log(u);
    }

    internal static double Log1P(double x)
    {
        var u = 1.0 + x;
        return u == 1.0 ? x : Math.Log(u) * x / (u - 1.0);
    }
}
