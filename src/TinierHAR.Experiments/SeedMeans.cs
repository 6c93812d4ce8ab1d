using System.Globalization;

namespace TinierHAR.Experiments;

/// <summary>Means over seeds: mean ± sample standard deviation, and the difference of two means with its variance.</summary>
internal static class SeedMeans
{
    /// <summary>Mean ± sample standard deviation (just the mean for one value).</summary>
    public static string Format(double[] values, string format = "0.0000")
    {
        var mean = values.Average().ToString(format, CultureInfo.InvariantCulture);
        return values.Length < 2 ? mean : $"{mean} ± {Math.Sqrt(Variance(values)).ToString(format, CultureInfo.InvariantCulture)}";
    }

    /// <summary>
    /// mean(<paramref name="ours"/>) − mean(<paramref name="theirs"/>) and the variance of that difference, from the
    /// pooled sample variance of both sides (the two-sample t-test's; both are seed-to-seed spreads of one protocol):
    /// s²·(1/n₁ + 1/n₂). A side with one run adds no degrees of freedom; with one run on each side it is unknown (NaN).
    /// </summary>
    public static (double Difference, double Variance) Difference(double[] ours, double[] theirs)
    {
        var freedom = ours.Length + theirs.Length - 2;
        var pooled = freedom == 0 ? double.NaN : (SumOfSquares(ours) + SumOfSquares(theirs)) / freedom;
        return (ours.Average() - theirs.Average(), pooled * (1.0 / ours.Length + 1.0 / theirs.Length));
    }

    /// <summary>
    /// The mean of the paired differences <paramref name="ours"/>[i] − <paramref name="theirs"/>[i] (the same fold and
    /// seed on both sides) and its standard error, sd/√n; the error is NaN for one pair.
    /// </summary>
    public static (double Mean, double StandardError) Paired(double[] ours, double[] theirs)
    {
        var differences = ours.Zip(theirs, (a, b) => a - b).ToArray();
        return (differences.Average(), differences.Length < 2 ? double.NaN : Math.Sqrt(Variance(differences) / differences.Length));
    }

    /// <summary>The paired difference of <see cref="Paired"/> as mean ± standard error; just the mean for one pair.</summary>
    public static string PairedDifference(double[] ours, double[] theirs, string format = "0.0000")
    {
        var (mean, standardError) = Paired(ours, theirs);
        var text = mean.ToString("+" + format + ";−" + format, CultureInfo.InvariantCulture);
        return double.IsNaN(standardError) ? text : $"{text} ± {standardError.ToString(format, CultureInfo.InvariantCulture)}";
    }

    private static double Variance(double[] values) => SumOfSquares(values) / (values.Length - 1);

    private static double SumOfSquares(double[] values)
    {
        var mean = values.Average();
        return values.Sum(v => (v - mean) * (v - mean));
    }
}
