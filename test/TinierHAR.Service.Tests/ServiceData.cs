using System.Globalization;
using System.Text.Json;
using TinierHAR.TestSupport;

namespace TinierHAR.Service.Tests;

/// <summary>
/// What the service tests share, made once: two bundles trained by the tool (seeds 1 and 2), a held-out log of two
/// subjects, and what <c>score</c> writes for that log with each bundle.
/// </summary>
internal sealed class ServiceData : IDisposable
{
    private static readonly Lazy<ServiceData> Shared = new(() => new ServiceData());
    private readonly FixtureFolder first = new();
    private readonly FixtureFolder second = new();

    private ServiceData()
    {
        BundleA = TrainedBundle.Train(first, epochs: 5);
        BundleB = TrainedBundle.Train(second, epochs: 5, null, "--seed", "2");
        Log = Path.Combine(first.Root, "logs", "held-out.csv");
        var generated = Tool.Run("generate", "--output", Log, "--subjects", "2", "--seed", "9", "--hours", "0.25");
        Assert.AreEqual(0, generated.ExitCode, generated.Error);
        ExpectedA = Score(BundleA, Log, "a");
        ExpectedB = Score(BundleB, Log, "b");
    }

    public static ServiceData Instance => Shared.Value;

    public string BundleA { get; }

    public string BundleB { get; }

    public string Log { get; }

    /// <summary>score's outputs for <see cref="Log"/> with bundle A.</summary>
    public ScoreOutputs ExpectedA { get; }

    /// <summary>The same with bundle B.</summary>
    public ScoreOutputs ExpectedB { get; }

    /// <summary>A fresh folder for a test's own files (deleted with the shared data).</summary>
    public string Folder(string name) => Directory.CreateDirectory(Path.Combine(first.Root, name)).FullName;

    public void Dispose()
    {
        first.Dispose();
        second.Dispose();
    }

    /// <summary>What score writes for <paramref name="log"/> with <paramref name="bundle"/> (outputs named after <paramref name="name"/>).</summary>
    public ScoreOutputs Score(string bundle, string log, string name)
    {
        var predictions = Path.Combine(first.Root, $"score-{name}.predictions.csv");
        var segments = Path.Combine(first.Root, $"score-{name}.segments.csv");
        var scored = Tool.Run("score", "--model", bundle, "--input", log, "--output", predictions, "--segments", segments);
        Assert.AreEqual(0, scored.ExitCode, scored.Error);
        return new ScoreOutputs(CsvRows.Read(predictions), CsvRows.Read(segments), scored.Output);
    }
}

/// <summary>What score wrote: the predictions' and the segments' rows (column → text) and its summary.</summary>
internal sealed record ScoreOutputs(Dictionary<string, string>[] Windows, Dictionary<string, string>[] Segments, string Summary)
{
    /// <summary>Asserts that the service's JSON holds these windows and segments, value for value.</summary>
    public void AssertSameAs(JsonElement response, IReadOnlyList<string> classes)
    {
        var windows = response.GetProperty("windows").EnumerateArray().ToArray();
        Assert.HasCount(Windows.Length, windows, "windows");
        for (var i = 0; i < windows.Length; i++)
        {
            var (expected, actual) = (Windows[i], windows[i]);
            var where = $"window {i}";
            Assert.AreEqual(expected["source"], actual.GetProperty("source").GetString(), where);
            Assert.AreEqual(expected["subject"], actual.GetProperty("subject").GetString(), where);
            Assert.AreEqual(long.Parse(expected["first_sample"], CultureInfo.InvariantCulture), actual.GetProperty("firstSample").GetInt64(), where);
            Assert.AreEqual(long.Parse(expected["last_sample"], CultureInfo.InvariantCulture), actual.GetProperty("lastSample").GetInt64(), where);
            Assert.AreEqual(Number(expected["start_time"]), actual.GetProperty("start").GetDouble(), where);
            Assert.AreEqual(Number(expected["end_time"]), actual.GetProperty("end").GetDouble(), where);
            Assert.AreEqual(expected["predicted"], actual.GetProperty("predicted").GetString(), where);
            CollectionAssert.AreEqual(classes.Select(c => float.Parse(expected["p_" + c], CultureInfo.InvariantCulture)).ToArray(),
                actual.GetProperty("probabilities").EnumerateArray().Select(p => p.GetSingle()).ToArray(), where);
        }
        var segments = response.GetProperty("segments").EnumerateArray().ToArray();
        Assert.HasCount(Segments.Length, segments, "segments");
        for (var i = 0; i < segments.Length; i++)
        {
            Assert.AreEqual(Segments[i]["activity"], segments[i].GetProperty("activity").GetString(), $"segment {i}");
            Assert.AreEqual(Number(Segments[i]["start"]), segments[i].GetProperty("start").GetDouble(), $"segment {i}");
            Assert.AreEqual(Number(Segments[i]["end"]), segments[i].GetProperty("end").GetDouble(), $"segment {i}");
            Assert.AreEqual(long.Parse(Segments[i]["windows"], CultureInfo.InvariantCulture), segments[i].GetProperty("windows").GetInt64(), $"segment {i}");
        }
    }

    /// <summary>Whether the response's windows are these, every probability equal.</summary>
    public bool Matches(JsonElement response, IReadOnlyList<string> classes)
    {
        var windows = response.GetProperty("windows").EnumerateArray().ToArray();
        return windows.Length == Windows.Length && windows.Zip(Windows).All(p =>
            p.First.GetProperty("probabilities").EnumerateArray().Select(v => v.GetSingle())
                .SequenceEqual(classes.Select(c => float.Parse(p.Second["p_" + c], CultureInfo.InvariantCulture))));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
}
