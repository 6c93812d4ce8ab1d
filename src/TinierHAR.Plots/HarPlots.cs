using System.Globalization;
using ScottPlot;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Plots;

/// <summary>
/// The pictures people expect from a HAR run, drawn with ScottPlot: one module for the command-line tool and the
/// notebooks. Each method returns the plot (notebooks display it); <see cref="SavePng"/> writes one.
/// </summary>
public static class HarPlots
{
    private static readonly int[] TickSteps = [1, 2, 5];

    /// <summary>Default picture size in pixels.</summary>
    public const int Width = 900, Height = 600;

    /// <summary>Writes <paramref name="plot"/> as a PNG (temporary file renamed on success) and returns the path.</summary>
    public static string SavePng(Plot plot, string path, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        MLNet.Data.AtomicFile.Write(path, stream => stream.Write(plot.GetImageBytes(width, height, ImageFormat.Png)));
        return path;
    }

    /// <summary>The plot as an HTML image (a PNG data URI), for notebooks.</summary>
    public static string ToHtml(Plot plot, int width = Width, int height = Height)
    {
        ArgumentNullException.ThrowIfNull(plot);
        return $"<img src=\"data:image/png;base64,{Convert.ToBase64String(plot.GetImageBytes(width, height, ImageFormat.Png))}\" width=\"{width}\" height=\"{height}\"/>";
    }

    /// <summary>Raw sensor channels over time, one line per channel.</summary>
    public static Plot Signals(IReadOnlyList<double> seconds, IReadOnlyList<string> channelNames, IReadOnlyList<float[]> samples, string title)
    {
        ArgumentNullException.ThrowIfNull(samples);
        var plot = new Plot();
        var x = seconds.ToArray();
        for (var c = 0; c < channelNames.Count; c++)
            plot.Add.ScatterLine(x, samples.Select(s => (double)s[c]).ToArray()).LegendText = channelNames[c];
        plot.XLabel("time (s)");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// The confusion matrix as a heatmap of row-normalised recall (true class down, predicted across), each cell
    /// labelled with its count.
    /// </summary>
    public static Plot ConfusionMatrix(HarMetrics metrics, string? title = null)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        var k = metrics.ClassNames.Count;
        var recall = new double[k, k];
        for (var t = 0; t < k; t++)
        {
            var row = Enumerable.Range(0, k).Sum(p => metrics.ConfusionMatrix[t, p]);
            for (var p = 0; p < k; p++)
                recall[t, p] = row == 0 ? 0 : (double)metrics.ConfusionMatrix[t, p] / row;
        }
        var plot = new Plot();
        var heatmap = plot.Add.Heatmap(recall);
        heatmap.Colormap = new ScottPlot.Colormaps.Viridis();
        heatmap.ManualRange = new ScottPlot.Range(0, 1);
        plot.Add.ColorBar(heatmap);
        // ScottPlot draws row 0 at the top: true class t sits at y = k − 1 − t.
        for (var t = 0; t < k; t++)
        {
            for (var p = 0; p < k; p++)
            {
                var text = plot.Add.Text(metrics.ConfusionMatrix[t, p].ToString(CultureInfo.InvariantCulture), p, k - 1 - t);
                text.LabelAlignment = Alignment.MiddleCenter;
                text.LabelFontColor = recall[t, p] > 0.5 ? Colors.Black : Colors.White;
            }
        }
        var positions = Enumerable.Range(0, k).Select(i => (double)i).ToArray();
        plot.Axes.Bottom.SetTicks(positions, [.. metrics.ClassNames]);
        plot.Axes.Left.SetTicks(positions, metrics.ClassNames.Reverse().ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = -30;
        plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
        // ScottPlot sizes the axis for unrotated labels: leave room for the longest rotated class name.
        plot.Axes.Bottom.MinimumSize = 40 + 4 * metrics.ClassNames.Max(n => n.Length);
        plot.XLabel("predicted (colour: share of the true class's windows)");
        plot.YLabel("true");
        plot.Title(title ?? string.Create(CultureInfo.InvariantCulture, $"Confusion matrix: accuracy {metrics.Accuracy:0.000}, macro F1 {metrics.MacroF1:0.000} ({metrics.Count:N0} windows)"));
        return plot;
    }

    /// <summary>Training and validation loss per epoch (left axis) and validation macro F1 (right axis); the best epoch marked.</summary>
    public static Plot TrainingCurves(IReadOnlyList<TrainingCurvePoint> epochs, string title = "Training curves")
    {
        ArgumentNullException.ThrowIfNull(epochs);
        var plot = new Plot();
        var x = epochs.Select(e => (double)e.Epoch).ToArray();
        plot.Add.ScatterLine(x, epochs.Select(e => e.TrainLoss).ToArray()).LegendText = "training loss";
        plot.Add.ScatterLine(x, epochs.Select(e => e.ValidationLoss).ToArray()).LegendText = "validation loss";
        var f1 = plot.Add.ScatterLine(x, epochs.Select(e => e.ValidationMacroF1).ToArray());
        f1.LegendText = "validation macro F1 (right)";
        f1.Axes.YAxis = plot.Axes.Right;
        plot.Axes.Right.Label.Text = "macro F1";
        if (epochs.LastOrDefault(e => e.IsBest) is { } best)
            plot.Add.VerticalLine(best.Epoch).LegendText = $"best epoch {best.Epoch}";
        plot.XLabel("epoch");
        plot.YLabel("cross-entropy");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperCenter);
        return plot;
    }

    /// <summary>
    /// Validation loss (solid) and training loss (dashed) of several runs on one log-scaled axis, to compare their
    /// shapes epoch by epoch (e.g. ours against the authors' code on the same fold and seed number).
    /// </summary>
    public static Plot LossCurves(IReadOnlyList<(string Name, IReadOnlyList<TrainingCurvePoint> Epochs)> runs, string title = "Loss per epoch")
    {
        ArgumentNullException.ThrowIfNull(runs);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        for (var i = 0; i < runs.Count; i++)
        {
            var (name, epochs) = runs[i];
            var x = epochs.Select(e => (double)e.Epoch).ToArray();
            var validation = plot.Add.ScatterLine(x, epochs.Select(e => Math.Log10(e.ValidationLoss)).ToArray(), palette.GetColor(i));
            validation.LegendText = $"{name}: validation";
            validation.LineWidth = 2;
            var training = plot.Add.ScatterLine(x, epochs.Select(e => Math.Log10(e.TrainLoss)).ToArray(), palette.GetColor(i));
            training.LegendText = $"{name}: training";
            training.LinePattern = LinePattern.Dashed;
        }
        plot.Axes.Left.TickGenerator = new ScottPlot.TickGenerators.NumericAutomatic
        {
            MinorTickGenerator = new ScottPlot.TickGenerators.LogMinorTickGenerator(),
            IntegerTicksOnly = true,
            LabelFormatter = y => Math.Pow(10, y).ToString("G2", CultureInfo.InvariantCulture),
        };
        plot.XLabel("epoch");
        plot.YLabel("cross-entropy (log scale)");
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// The activity timeline of a scored log: one bar per segment on the activity's row, so a person sees what
    /// happened when.
    /// </summary>
    public static Plot ActivityTimeline(IEnumerable<ActivitySegment> segments, IReadOnlyList<string> activities, string title = "Activity timeline")
    {
        ArgumentNullException.ThrowIfNull(segments);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        foreach (var segment in segments)
        {
            var row = Math.Max(0, activities.ToList().IndexOf(segment.Activity));
            var box = plot.Add.Rectangle(segment.Start, segment.End, row - 0.4, row + 0.4);
            box.FillColor = palette.GetColor(row);
            box.LineWidth = 0;
        }
        plot.Axes.Left.SetTicks(activities.Select((_, i) => (double)i).ToArray(), [.. activities]);
        plot.XLabel("time (s)");
        plot.Title(title);
        return plot;
    }

    /// <summary>Class probabilities over time (one line per class) at the windows' centres.</summary>
    public static Plot ProbabilitiesOverTime(IReadOnlyList<double> times, IReadOnlyList<float[]> probabilities, IReadOnlyList<string> classes, string title = "Class probabilities")
    {
        var plot = new Plot();
        var x = times.ToArray();
        for (var c = 0; c < classes.Count; c++)
            plot.Add.ScatterLine(x, probabilities.Select(p => (double)p[c]).ToArray()).LegendText = classes[c];
        plot.XLabel("time (s)");
        plot.YLabel("probability");
        plot.Axes.SetLimitsY(0, 1);
        plot.Title(title);
        plot.ShowLegend(Alignment.UpperRight);
        return plot;
    }

    /// <summary>
    /// The paper's efficiency picture: macro F1 against parameters (log scale), one labelled point per model, marker
    /// area growing with MACs.
    /// </summary>
    public static Plot Efficiency(IReadOnlyList<ModelPoint> models, string title = "Macro F1 against model size")
    {
        ArgumentNullException.ThrowIfNull(models);
        var plot = new Plot();
        var palette = new ScottPlot.Palettes.Category10();
        var largest = Math.Max(1, models.Max(m => m.Macs));
        for (var i = 0; i < models.Count; i++)
        {
            var m = models[i];
            var marker = plot.Add.Marker(Math.Log10(m.Parameters), m.MacroF1);
            marker.Size = (float)(10 + 40 * Math.Sqrt(m.Macs / largest));
            marker.Color = palette.GetColor(i);
            marker.LegendText = string.Create(CultureInfo.InvariantCulture, $"{m.Name}: {m.Parameters:N0} parameters, {m.Macs / 1e6:0.0} M MACs");
            var label = plot.Add.Text(m.Name, Math.Log10(m.Parameters), m.MacroF1);
            label.LabelOffsetY = -26;
            label.LabelAlignment = Alignment.LowerCenter;
        }
        // Ticks at 1, 2 and 5 times each power of ten, labelled with the parameter count.
        var decades = Enumerable.Range(2, 6).SelectMany(p => TickSteps.Select(f => f * Math.Pow(10, p))).ToArray();
        plot.Axes.Bottom.SetTicks(decades.Select(Math.Log10).ToArray(), decades.Select(d => d.ToString("N0", CultureInfo.InvariantCulture)).ToArray());
        plot.ShowLegend(Alignment.LowerRight);
        plot.XLabel("parameters (log scale)");
        plot.YLabel("macro F1");
        plot.Axes.Margins(0.25, 0.25);
        plot.Title(title);
        return plot;
    }

    /// <summary>
    /// How long the intervals between consecutive samples are (log scale, in milliseconds, bars of 1/20 decade): one
    /// tall bar for a steady clock; jitter widens it, repeats and gaps show apart from it.
    /// </summary>
    public static Plot IntervalHistogram(IReadOnlyList<KeyValuePair<double, long>> intervals, string title = "Intervals between samples")
    {
        ArgumentNullException.ThrowIfNull(intervals);
        const double bin = 0.05;
        var bins = intervals.Where(p => p.Key > 0)
            .GroupBy(p => Math.Floor(Math.Log10(p.Key * 1000) / bin))
            .Select(g => (Log: (g.Key + 0.5) * bin, Count: (double)g.Sum(p => p.Value))).ToList();
        var plot = new Plot();
        foreach (var (log, count) in bins)
            plot.Add.Bar(new Bar { Position = log, Value = count, Size = bin * 0.9, FillColor = Colors.SteelBlue, LineWidth = 0 });
        plot.Axes.Margins(bottom: 0);
        if (bins.Count > 0)
        {
            // Ticks at 1, 1.5, 2, 3, 5 and 7 times each power of ten, over at least half a decade either side.
            var (from, to) = (bins.Min(b => b.Log) - 0.5, bins.Max(b => b.Log) + 0.5);
            var ticks = Enumerable.Range((int)Math.Floor(from), (int)Math.Ceiling(to) - (int)Math.Floor(from) + 1)
                .SelectMany(p => new[] { 1, 1.5, 2, 3, 5, 7 }.Select(f => f * Math.Pow(10, p))).Where(t => Math.Log10(t) >= from && Math.Log10(t) <= to).ToArray();
            plot.Axes.Bottom.SetTicks(ticks.Select(Math.Log10).ToArray(), ticks.Select(t => t.ToString("0.###", CultureInfo.InvariantCulture)).ToArray());
            plot.Axes.SetLimitsX(from, to);
        }
        plot.XLabel("interval (ms, log scale)");
        plot.YLabel("intervals");
        plot.Title(title);
        return plot;
    }

    /// <summary>Rows per label, largest first: the class balance a model will learn from.</summary>
    public static Plot ClassBalance(IReadOnlyDictionary<string, long> labels, string title = "Rows per label")
    {
        ArgumentNullException.ThrowIfNull(labels);
        var ordered = labels.OrderByDescending(p => p.Value).ToList();
        var plot = new Plot();
        for (var i = 0; i < ordered.Count; i++)
            plot.Add.Bar(new Bar { Position = i, Value = ordered[i].Value, FillColor = Colors.SteelBlue, LineWidth = 0 });
        plot.Axes.Bottom.SetTicks(ordered.Select((_, i) => (double)i).ToArray(), ordered.Select(p => p.Key).ToArray());
        plot.Axes.Bottom.TickLabelStyle.Rotation = ordered.Count > 8 ? 45 : 0;
        plot.Axes.Bottom.TickLabelStyle.Alignment = ordered.Count > 8 ? Alignment.MiddleLeft : Alignment.UpperCenter;
        plot.YLabel("rows");
        plot.Axes.Margins(bottom: 0);
        plot.Title(title);
        return plot;
    }
}
