using System.CommandLine;
using System.Globalization;
using TinierHAR.MLNet.Windowing;

namespace TinierHAR.Cli;

/// <summary>The windows <c>train</c> cuts: length and step in samples or seconds, or an overlap, and the label rule.</summary>
internal sealed class WindowShapeOptions
{
    public Option<string> Window { get; } = new("--window") { Description = "Window length: samples (128) or seconds (2.56s)", DefaultValueFactory = _ => "2.56s" };
    public Option<string?> Step { get; } = new("--step") { Description = "Step between window starts: samples (64) or seconds (1.28s); default: from --overlap" };
    public Option<double> Overlap { get; } = new("--overlap") { Description = "Overlap of consecutive windows, a fraction in [0, 1)", DefaultValueFactory = _ => 0.5 };
    public Option<WindowLabelPolicy> LabelRule { get; } = new("--label-rule") { Description = "A window's label: Majority of its samples, Last sample's or Centre sample's", DefaultValueFactory = _ => WindowLabelPolicy.Majority };
    public Option<string?> DropLabels { get; } = new("--drop-labels") { Description = "Labels whose windows are left out (after the vote), such as a 'not in the experiment' label: comma-separated" };

    public void AddTo(Command command)
    {
        foreach (var option in new Option[] { Window, Step, Overlap, LabelRule, DropLabels })
            command.Options.Add(option);
    }

    /// <summary>The windows these options describe, at <paramref name="rate"/> Hz.</summary>
    public WindowSpec Create(ParseResult parse, double rate)
    {
        var length = Samples(parse.GetValue(Window)!, rate, Window.Name);
        var overlap = parse.GetValue(Overlap);
        if (overlap is < 0 or >= 1)
            throw new ArgumentException($"Invalid option '--overlap': a fraction in [0, 1) (got {overlap}).");
        if (length < 2)
            throw new ArgumentException($"Invalid option '--window': at least 2 samples at {rate} Hz (got {parse.GetValue(Window)}).");
        return new WindowSpec
        {
            Length = length,
            SamplingRateHz = rate,
            Step = parse.GetValue(Step) is { } step ? Samples(step, rate, Step.Name) : 0,
            Overlap = overlap,
            LabelPolicy = parse.GetValue(LabelRule),
            DropLabels = (parse.GetValue(DropLabels) ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries),
        };
    }

    /// <summary>A count of samples given as "128" or as seconds "2.56s" at <paramref name="rate"/>.</summary>
    internal static int Samples(string text, double rate, string option)
    {
        var seconds = text.EndsWith('s');
        if (double.TryParse(seconds ? text[..^1] : text, NumberStyles.Float, CultureInfo.InvariantCulture, out var value) && value > 0
            && (seconds || value == Math.Floor(value)))
            return seconds ? (int)Math.Round(value * rate) : (int)value;
        throw new ArgumentException($"Invalid option '{option}': a positive whole number of samples (128) or seconds (2.56s) (got '{text}').");
    }
}
