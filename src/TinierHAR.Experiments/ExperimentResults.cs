using System.Globalization;
using System.Text;
using MathNet.Numerics.Distributions;
using nietras.SeparatedValues;
using TinierHAR.MLNet.Data;
using TinierHAR.Trainer.Onnx;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Experiments;

/// <summary>
/// The runner's results file: one CSV row per finished (dataset, model, fold, seed), read back to resume, rewritten
/// atomically after every fold, and turned into the markdown table (per fold, then the mean per model) that the README shows.
/// </summary>
public sealed class ExperimentResults
{
    private static readonly string[] Header =
    [
        "dataset", "model", "fold", "test_subjects", "seed", "train_windows", "validation_windows", "test_windows", "epochs", "best_epoch",
        "seconds", "seconds_per_epoch", "accuracy", "weighted_f1", "macro_f1", "parameters", "macs", "precision", "cancelled_biases", "largest_validation_rise",
    ];

    private readonly List<FoldResult> rows;

    private ExperimentResults(string path, List<FoldResult> rows) => (Path, this.rows) = (path, rows);

    /// <summary>The CSV file.</summary>
    public string Path { get; }

    /// <summary>The finished folds, in the order they finished.</summary>
    public IReadOnlyList<FoldResult> Rows => rows;

    /// <summary>Opens <paramref name="path"/>: its rows when it exists, none otherwise.</summary>
    public static ExperimentResults Open(string path)
    {
        var rows = new List<FoldResult>();
        if (File.Exists(path))
        {
            using var reader = Sep.New(',').Reader(o => o with { CultureInfo = CultureInfo.InvariantCulture }).FromFile(path);
            var missing = Header.Where(h => !reader.Header.ColNames.Contains(h)).ToArray();
            if (missing.Length > 0)
                throw new InvalidDataException($"{path}: not a results file of the experiment runner; column(s) {string.Join(", ", missing)} missing.");
            foreach (var row in reader)
            {
                rows.Add(new FoldResult
                {
                    Dataset = row["dataset"].ToString(),
                    Model = row["model"].ToString(),
                    Fold = row["fold"].Parse<int>(),
                    TestSubjects = row["test_subjects"].ToString(),
                    Seed = row["seed"].Parse<int>(),
                    TrainWindows = row["train_windows"].Parse<int>(),
                    ValidationWindows = row["validation_windows"].Parse<int>(),
                    TestWindows = row["test_windows"].Parse<int>(),
                    Epochs = row["epochs"].Parse<int>(),
                    BestEpoch = row["best_epoch"].Parse<int>(),
                    Seconds = row["seconds"].Parse<double>(),
                    SecondsPerEpoch = row["seconds_per_epoch"].Parse<double>(),
                    Accuracy = row["accuracy"].Parse<double>(),
                    WeightedF1 = row["weighted_f1"].Parse<double>(),
                    MacroF1 = row["macro_f1"].Parse<double>(),
                    Parameters = row["parameters"].Parse<long>(),
                    Macs = row["macs"].Parse<long>(),
                    Precision = row["precision"].ToString(),
                    CancelledBiases = row["cancelled_biases"].ToString(),
                    LargestValidationRise = row["largest_validation_rise"].Parse<double>(),
                    ModelBytes = Optional(reader, row, "model_bytes", long.Parse),
                    LatencyMs = Optional(reader, row, "latency_ms", double.Parse),
                    WindowsPerSecond = Optional(reader, row, "windows_per_second", double.Parse),
                    Int8MacroF1 = Optional(reader, row, "int8_macro_f1", double.Parse),
                    Int8ModelBytes = Optional(reader, row, "int8_model_bytes", long.Parse),
                    Int8LatencyMs = Optional(reader, row, "int8_latency_ms", double.Parse),
                    Int8WindowsPerSecond = Optional(reader, row, "int8_windows_per_second", double.Parse),
                });
            }
        }
        return new ExperimentResults(path, rows);
    }

    /// <summary>A column added after the first results were committed: null where the file or the row lacks it.</summary>
    private static T? Optional<T>(SepReader reader, SepReader.Row row, string column, Func<string, IFormatProvider, T> parse) where T : struct =>
        reader.Header.ColNames.Contains(column) && row[column].ToString() is { Length: > 0 } text ? parse(text, CultureInfo.InvariantCulture) : null;

    /// <summary>Whether this run has finished already.</summary>
    public bool Contains(string dataset, string model, int fold, int seed, string precision, string cancelledBiases) =>
        rows.Any(r => r.IsRun(dataset, model, fold, seed, precision, cancelledBiases));

    /// <summary>Adds a finished fold and rewrites the file (a temporary file renamed over it, so an interruption never leaves half a file).</summary>
    public void Add(FoldResult result)
    {
        rows.Add(result);
        using var file = new AtomicFile(Path);
        using (var writer = Sep.New(',').Writer(o => o with { CultureInfo = CultureInfo.InvariantCulture }).To(file.Stream, leaveOpen: true))
        {
            foreach (var r in rows)
            {
                using var row = writer.NewRow();
                row["dataset"].Set(r.Dataset);
                row["model"].Set(r.Model);
                row["fold"].Format(r.Fold);
                row["test_subjects"].Set(r.TestSubjects);
                row["seed"].Format(r.Seed);
                row["train_windows"].Format(r.TrainWindows);
                row["validation_windows"].Format(r.ValidationWindows);
                row["test_windows"].Format(r.TestWindows);
                row["epochs"].Format(r.Epochs);
                row["best_epoch"].Format(r.BestEpoch);
                row["seconds"].Set(r.Seconds.ToString("0.0", CultureInfo.InvariantCulture));
                row["seconds_per_epoch"].Set(r.SecondsPerEpoch.ToString("0.00", CultureInfo.InvariantCulture));
                row["accuracy"].Set(r.Accuracy.ToString("0.0000", CultureInfo.InvariantCulture));
                row["weighted_f1"].Set(r.WeightedF1.ToString("0.0000", CultureInfo.InvariantCulture));
                row["macro_f1"].Set(r.MacroF1.ToString("0.0000", CultureInfo.InvariantCulture));
                row["parameters"].Format(r.Parameters);
                row["macs"].Format(r.Macs);
                row["precision"].Set(r.Precision);
                row["cancelled_biases"].Set(r.CancelledBiases);
                row["largest_validation_rise"].Set(r.LargestValidationRise.ToString("0.000", CultureInfo.InvariantCulture));
                row["model_bytes"].Set(r.ModelBytes?.ToString(CultureInfo.InvariantCulture) ?? "");
                row["latency_ms"].Set(r.LatencyMs?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "");
                row["windows_per_second"].Set(r.WindowsPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "");
                row["int8_macro_f1"].Set(r.Int8MacroF1?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "");
                row["int8_model_bytes"].Set(r.Int8ModelBytes?.ToString(CultureInfo.InvariantCulture) ?? "");
                row["int8_latency_ms"].Set(r.Int8LatencyMs?.ToString("0.0000", CultureInfo.InvariantCulture) ?? "");
                row["int8_windows_per_second"].Set(r.Int8WindowsPerSecond?.ToString("0", CultureInfo.InvariantCulture) ?? "");
            }
        }
        file.Commit();
    }

    /// <summary>
    /// The markdown tables: one row per run (by model, training recipe, fold and seed), then per recipe the mean ±
    /// standard deviation over seeds of each fold and over every run.
    /// </summary>
    public string ToMarkdown()
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| dataset | model | training | fold (test subjects) | seed | train / val / test windows | epochs (best) | s/epoch | largest val. loss rise | accuracy | weighted F1 | macro F1 | params | MACs |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|");
        var recipes = rows.GroupBy(r => (r.Dataset, r.Model, Recipe: Recipe(r)))
            .OrderBy(g => g.Key.Dataset, StringComparer.Ordinal).ThenBy(g => g.Key.Model, StringComparer.Ordinal).ThenBy(g => g.Key.Recipe, StringComparer.Ordinal).ToArray();
        foreach (var group in recipes)
        {
            foreach (var r in group.OrderBy(r => r.Fold).ThenBy(r => r.Seed))
            {
                text.AppendLine(string.Create(invariant, $"| {r.Dataset} | {r.Model} | {group.Key.Recipe} | {r.Fold} ({r.TestSubjects.Replace(' ', ',')}) | {r.Seed} | {r.TrainWindows:N0} / {r.ValidationWindows:N0} / {r.TestWindows:N0} | {r.Epochs} ({r.BestEpoch}) | {r.SecondsPerEpoch:0.00} | ×{r.LargestValidationRise:0.00} | {r.Accuracy:0.0000} | {r.WeightedF1:0.0000} | {r.MacroF1:0.0000} | {r.Parameters:N0} | {r.Macs:N0} |"));
            }
        }
        text.AppendLine();
        text.AppendLine("| dataset | model | training | fold | runs (seeds) | epochs | largest val. loss rise | accuracy | weighted F1 | macro F1 |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        foreach (var group in recipes)
        {
            foreach (var fold in group.GroupBy(r => r.Fold).OrderBy(f => f.Key))
                text.AppendLine(SummaryRow(group.Key.Dataset, group.Key.Model, group.Key.Recipe, fold.Key.ToString(invariant), fold.ToArray()));
            text.AppendLine(SummaryRow(group.Key.Dataset, $"**{group.Key.Model}**", group.Key.Recipe, "**all**", group.ToArray()));
        }
        return text.ToString();
    }

    /// <summary>Precision, plus the cancelled-bias treatment where it is not the default.</summary>
    private static string Recipe(FoldResult r) => r.Precision + (r.CancelledBiases == FoldResult.CancelledBiasesName(true) ? "" : $", {r.CancelledBiases} cancelled-bias gradients");

    private static string SummaryRow(string dataset, string model, string recipe, string fold, FoldResult[] runs) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {dataset} | {model} | {recipe} | {fold} | {runs.Length} ({string.Join(",", runs.Select(r => r.Seed).Distinct().Order())}) | {MeanStd(runs, r => r.Epochs, "0.#")} | ×{runs.Max(r => r.LargestValidationRise):0.00} | {MeanStd(runs, r => r.Accuracy)} | {MeanStd(runs, r => r.WeightedF1)} | {MeanStd(runs, r => r.MacroF1)} |");

    private static string MeanStd(FoldResult[] runs, Func<FoldResult, double> value, string format = "0.0000") => SeedMeans.Format(runs.Select(value).ToArray(), format);

    /// <summary>
    /// The paper's comparison in the default recipe (float32, cancelled-bias gradients zeroed): TinierHAR over all its
    /// runs, then every other model beside TinierHAR on the same (fold, seed) runs: F1, accuracy, parameters and MACs
    /// (and their ratio to TinierHAR's), the ONNX file's bytes, single-window latency and training seconds per run.
    /// </summary>
    public string ToModelComparisonMarkdown()
    {
        var invariant = CultureInfo.InvariantCulture;
        var text = new StringBuilder();
        text.AppendLine("| model | runs (fold:seed) | macro F1 | TinierHAR's macro F1, same runs | macro F1 − TinierHAR's, paired (± SE) | weighted F1 | accuracy | parameters | MACs | ONNX bytes | latency (ms, 1 window) | training s per run |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|---|");
        var runs = rows.Where(r => Recipe(r) == FoldResult.PrecisionName(TrainingPrecision.Float32)).ToArray();
        var tinier = runs.Where(r => r.Model == "tinierhar").ToArray();
        foreach (var group in runs.GroupBy(r => (r.Dataset, r.Model)).OrderBy(g => g.First().Parameters))
        {
            var own = group.OrderBy(r => r.Fold).ThenBy(r => r.Seed).ToArray();
            var peers = tinier.Where(t => own.Any(o => o.Dataset == t.Dataset && o.Fold == t.Fold && o.Seed == t.Seed)).OrderBy(r => r.Fold).ThenBy(r => r.Seed).ToArray();
            var paired = group.Key.Model != "tinierhar" && peers.Length == own.Length
                ? SeedMeans.PairedDifference(own.Select(r => r.MacroF1).ToArray(), peers.Select(r => r.MacroF1).ToArray()) : "–";
            var reference = tinier.FirstOrDefault(t => t.Dataset == group.Key.Dataset);
            string Ratio(double value, double? baseline) => group.Key.Model == "tinierhar" || baseline is not > 0 ? "" : string.Create(invariant, $" ({value / baseline.Value:0.0}x)");
            text.AppendLine(string.Create(invariant,
                $"| {group.Key.Model} | {string.Join(" ", own.Select(r => $"{r.Fold}:{r.Seed}"))} | {MeanStd(own, r => r.MacroF1)} | {(peers.Length == own.Length ? MeanStd(peers, r => r.MacroF1) : $"{peers.Length} of {own.Length} run")} | {paired} | {MeanStd(own, r => r.WeightedF1)} | {MeanStd(own, r => r.Accuracy)} | {own[0].Parameters:N0}{Ratio(own[0].Parameters, reference?.Parameters)} | {own[0].Macs:N0}{Ratio(own[0].Macs, reference?.Macs)} | {Mean(own, r => r.ModelBytes, "N0")} | {Mean(own, r => r.LatencyMs, "0.000")} | {own.Average(r => r.Seconds):0} |"));
        }
        return text.ToString();
    }

    /// <summary>
    /// The paper's claim ("about the same F1 with fewer parameters") in words, per larger model, from the runs of
    /// <see cref="ToModelComparisonMarkdown"/>: its macro F1 beside TinierHAR's on the same (fold, seed) runs, the paired
    /// difference ± its standard error, its size and cost against TinierHAR's on those runs, and the verdict of the paired
    /// t-test: the claim fails where the larger model leads beyond the two-sided 95 % interval of the difference, and is
    /// not contradicted where the difference lies within it; with one run there is no standard error and no verdict.
    /// </summary>
    public string ToModelVerdictMarkdown()
    {
        var invariant = CultureInfo.InvariantCulture;
        var runs = rows.Where(r => Recipe(r) == FoldResult.PrecisionName(TrainingPrecision.Float32)).ToArray();
        var tinier = runs.Where(r => r.Model == "tinierhar").ToArray();
        var text = new StringBuilder();
        foreach (var group in runs.Where(r => r.Model != "tinierhar").GroupBy(r => (r.Dataset, r.Model)).OrderBy(g => g.First().Parameters))
        {
            var model = group.Key.Model;
            var own = group.OrderBy(r => r.Fold).ThenBy(r => r.Seed).ToArray();
            var peers = own.Select(o => tinier.FirstOrDefault(t => t.Dataset == o.Dataset && t.Fold == o.Fold && t.Seed == o.Seed)).ToArray();
            if (peers.Any(p => p is null))
            {
                text.AppendLine(CultureInfo.InvariantCulture, $"- **{model}**: {own.Length} run(s), {peers.Count(p => p is not null)} with a TinierHAR run of the same fold and seed; no verdict until every run has one.");
                continue;
            }
            var paired = peers.Select(p => p!).ToArray();
            var (ownF1, tinierF1) = (own.Select(r => r.MacroF1).ToArray(), paired.Select(r => r.MacroF1).ToArray());
            var (mean, standardError) = SeedMeans.Paired(ownF1, tinierF1);
            var fewer = (double)own[0].Parameters / paired[0].Parameters;
            string F1s(FoldResult[] r) => Listed(r.Select(x => x.MacroF1.ToString("0.0000", invariant)));
            string Times(FoldResult[] r) => Span(r.Select(x => x.SecondsPerEpoch), "0.0");
            text.Append(CultureInfo.InvariantCulture,
                $"- **{model}** on {own.Length} run(s) (fold:seed {string.Join(" ", own.Select(r => $"{r.Fold}:{r.Seed}"))}): macro F1 {F1s(own)}, ");
            text.Append(CultureInfo.InvariantCulture,
                $"where TinierHAR scored {F1s(paired)}; {model} − TinierHAR, paired: {SeedMeans.PairedDifference(ownF1, tinierF1)}. ");
            text.Append(CultureInfo.InvariantCulture,
                $"{model} has {fewer:0.0}x TinierHAR's parameters ({own[0].Parameters:N0} against {paired[0].Parameters:N0}) and {(double)own[0].Macs / paired[0].Macs:0.0}x its MACs");
            if (MeanOf(own, r => r.ModelBytes) is { } bytes && MeanOf(paired, r => r.ModelBytes) is { } tinierBytes)
                text.Append(CultureInfo.InvariantCulture, $", an ONNX file {bytes / tinierBytes:0.0}x as large ({bytes:N0} against {tinierBytes:N0} bytes)");
            if (MeanOf(own, r => r.LatencyMs) is { } latency && MeanOf(paired, r => r.LatencyMs) is { } tinierLatency)
                text.Append(CultureInfo.InvariantCulture, $", {latency / tinierLatency:0.0}x the single-window latency ({latency:0.000} against {tinierLatency:0.000} ms)");
            text.Append(CultureInfo.InvariantCulture, $", and trained at {Times(own)} s per epoch against {Times(paired)} s on the same runs. ");
            if (double.IsNaN(standardError))
            {
                text.AppendLine("One run has no standard error: no verdict yet.");
                continue;
            }
            // The paired t-test's two-sided 95 % interval: with few runs it is much wider than two standard errors.
            var half = StudentT.InvCDF(0, 1, own.Length - 1, 0.975) * standardError;
            var interval = string.Create(invariant, $"the 95 % interval of the difference is ±{half:0.0000} ({own.Length} runs)");
            text.AppendLine(mean > half
                ? string.Create(invariant, $"**The claim does not hold here**: {model} leads by {mean:0.0000}, and {interval}.")
                : mean < -half
                    ? string.Create(invariant, $"**The claim holds here**, and more: TinierHAR leads by {-mean:0.0000}, and {interval}, with {fewer:0.0}x fewer parameters.")
                    : string.Create(invariant, $"**No difference shown**: {(mean > 0 ? model : "TinierHAR")} leads by {Math.Abs(mean):0.0000}, and {interval}, so these runs do not contradict the claim; TinierHAR has {fewer:0.0}x fewer parameters."));
        }
        return text.ToString();
    }

    /// <summary>"a, b and c".</summary>
    private static string Listed(IEnumerable<string> items)
    {
        var all = items.ToArray();
        return all.Length == 1 ? all[0] : $"{string.Join(", ", all[..^1])} and {all[^1]}";
    }

    /// <summary>"4.6–7.2", or one value where all round alike.</summary>
    private static string Span(IEnumerable<double> values, string format)
    {
        var (low, high) = (values.Min().ToString(format, CultureInfo.InvariantCulture), values.Max().ToString(format, CultureInfo.InvariantCulture));
        return low == high ? low : $"{low}–{high}";
    }

    private static double? MeanOf<T>(FoldResult[] runs, Func<FoldResult, T?> value) where T : struct, IConvertible
    {
        var known = runs.Select(value).Where(v => v.HasValue).Select(v => v!.Value.ToDouble(CultureInfo.InvariantCulture)).ToArray();
        return known.Length == runs.Length && known.Length > 0 ? known.Average() : null;
    }

    /// <summary>
    /// These runs beside <paramref name="baseline"/>'s, the same models, folds, seeds and recipe under another protocol
    /// (other windows, say): per run made under both, the macro F1 under each and the difference; then per model the means
    /// and the paired difference ± its standard error. <paramref name="name"/> and <paramref name="baselineName"/> head the columns.
    /// </summary>
    public string ToProtocolComparisonMarkdown(ExperimentResults baseline, string name, string baselineName)
    {
        ArgumentNullException.ThrowIfNull(baseline);
        var pairs = rows.Select(r => (Ours: r, Theirs: baseline.rows.FirstOrDefault(b => b.Dataset == r.Dataset && b.Model == r.Model && b.Fold == r.Fold
                && b.Seed == r.Seed && Recipe(b) == Recipe(r))))
            .Where(p => p.Theirs is not null).Select(p => (p.Ours, Theirs: p.Theirs!))
            .OrderBy(p => p.Ours.Dataset, StringComparer.Ordinal).ThenBy(p => p.Ours.Model, StringComparer.Ordinal).ThenBy(p => Recipe(p.Ours), StringComparer.Ordinal)
            .ThenBy(p => p.Ours.Fold).ThenBy(p => p.Ours.Seed).ToArray();
        if (pairs.Length == 0)
            throw new ArgumentException($"'{Path}' and '{baseline.Path}' have no run (dataset, model, fold, seed, recipe) in common.", nameof(baseline));
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| dataset | model | training | fold | seed | macro F1, {name} | macro F1, {baselineName} | difference |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var (ours, theirs) in pairs)
            text.AppendLine(string.Create(CultureInfo.InvariantCulture, $"| {ours.Dataset} | {ours.Model} | {Recipe(ours)} | {ours.Fold} | {ours.Seed} | {ours.MacroF1:0.0000} | {theirs.MacroF1:0.0000} | {ours.MacroF1 - theirs.MacroF1:+0.0000;−0.0000;0.0000} |"));
        text.AppendLine();
        text.AppendLine(CultureInfo.InvariantCulture, $"| dataset | model | training | runs (fold:seed) | macro F1, {name} | macro F1, {baselineName} | difference, paired (± SE) |");
        text.AppendLine("|---|---|---|---|---|---|---|");
        foreach (var group in pairs.GroupBy(p => (p.Ours.Dataset, p.Ours.Model, Recipe: Recipe(p.Ours))))
        {
            var (own, theirs) = (group.Select(p => p.Ours.MacroF1).ToArray(), group.Select(p => p.Theirs.MacroF1).ToArray());
            text.AppendLine(CultureInfo.InvariantCulture, $"| {group.Key.Dataset} | {group.Key.Model} | {group.Key.Recipe} | {string.Join(" ", group.Select(p => $"{p.Ours.Fold}:{p.Ours.Seed}"))} | {SeedMeans.Format(own)} | {SeedMeans.Format(theirs)} | {SeedMeans.PairedDifference(own, theirs)} |");
        }
        return text.ToString();
    }

    /// <summary>
    /// The runs whose network was also quantised to int8: float32 against int8 macro F1, ONNX bytes, single-window
    /// latency and windows per second (batches of <see cref="Int8Comparison.ThroughputBatch"/>, one thread); empty when no run compared them.
    /// </summary>
    public string ToInt8Markdown()
    {
        var compared = rows.Where(r => r.Int8MacroF1 is not null).OrderBy(r => r.Dataset, StringComparer.Ordinal).ThenBy(r => r.Model, StringComparer.Ordinal)
            .ThenBy(r => r.Fold).ThenBy(r => r.Seed).ToArray();
        if (compared.Length == 0) return "";
        var text = new StringBuilder();
        text.AppendLine(CultureInfo.InvariantCulture, $"| dataset | model | fold | seed | macro F1 (float32 / int8) | ONNX bytes (float32 / int8) | latency ms, 1 window (float32 / int8) | windows/s, batches of {Int8Comparison.ThroughputBatch}, 1 thread (float32 / int8) |");
        text.AppendLine("|---|---|---|---|---|---|---|---|");
        foreach (var r in compared)
        {
            text.AppendLine(string.Create(CultureInfo.InvariantCulture,
                $"| {r.Dataset} | {r.Model} | {r.Fold} | {r.Seed} | {r.MacroF1:0.0000} / {r.Int8MacroF1:0.0000} | {r.ModelBytes:N0} / {r.Int8ModelBytes:N0} | {r.LatencyMs:0.000} / {r.Int8LatencyMs:0.000} | {r.WindowsPerSecond:N0} / {r.Int8WindowsPerSecond:N0} |"));
        }
        return text.ToString();
    }

    /// <summary>Per model in the default recipe: parameters, MACs and mean macro F1 (for the efficiency chart).</summary>
    public IReadOnlyList<(string Model, long Parameters, long Macs, double MacroF1)> ModelSummaries() =>
        rows.Where(r => Recipe(r) == FoldResult.PrecisionName(TrainingPrecision.Float32)).GroupBy(r => r.Model)
            .Select(g => (g.Key, g.First().Parameters, g.First().Macs, g.Average(r => r.MacroF1))).OrderBy(m => m.Parameters).ToArray();

    private static string Mean<T>(FoldResult[] runs, Func<FoldResult, T?> value, string format) where T : struct, IConvertible
    {
        var known = runs.Select(value).Where(v => v.HasValue).Select(v => v!.Value.ToDouble(CultureInfo.InvariantCulture)).ToArray();
        return known.Length == 0 ? "–" : known.Average().ToString(format, CultureInfo.InvariantCulture);
    }

    /// <summary>
    /// Our runs beside reference runs (a CSV with dataset, model, fold, seed, precision, epochs, seconds_per_epoch,
    /// accuracy, weighted_f1, macro_f1, note: the authors' code run on the same folds). First each reference row beside
    /// our run of the same fold and seed number in each of our recipes; then, per fold and over the folds that have a
    /// reference, our mean macro F1 in each recipe against the reference mean in each precision (the seed numbers name
    /// different random streams in the two codes, so only the means compare).
    /// </summary>
    public string ToComparisonMarkdown(string referencePath)
    {
        var invariant = CultureInfo.InvariantCulture;
        var references = ReferenceRun.Read(referencePath);
        var text = new StringBuilder();
        text.AppendLine("| dataset | model | fold | seed | reference precision | ours | macro F1 (ours / reference) | accuracy (ours / reference) | epochs (ours / reference) | s/epoch (ours / reference) | reference note |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|---|");
        foreach (var reference in references)
        {
            foreach (var ours in rows.Where(r => reference.Matches(r) && r.Seed == reference.Seed).OrderBy(Recipe, StringComparer.Ordinal))
            {
                text.AppendLine(string.Create(invariant, $"| {reference.Dataset} | {reference.Model} | {reference.Fold} | {reference.Seed} | {reference.Precision} | {Recipe(ours)} | {ours.MacroF1:0.0000} / {reference.MacroF1:0.0000} | {ours.Accuracy:0.0000} / {reference.Accuracy:0.0000} | {ours.Epochs} / {reference.Epochs} | {ours.SecondsPerEpoch:0.00} / {reference.SecondsPerEpoch:0.00} | {reference.Note} |"));
            }
        }
        text.AppendLine();
        text.AppendLine("| dataset | model | fold | ours | our runs (seeds) | our macro F1 | reference precision | reference runs (seeds) | reference macro F1 | difference ± standard error |");
        text.AppendLine("|---|---|---|---|---|---|---|---|---|---|");
        var pairs = references.GroupBy(r => (r.Dataset, r.Model, r.Precision))
            .SelectMany(g => rows.Where(r => g.Any(x => x.Matches(r))).GroupBy(r => Recipe(r)).Select(ours => (Reference: g, Ours: ours)))
            .OrderBy(p => p.Reference.Key.Dataset, StringComparer.Ordinal).ThenBy(p => p.Reference.Key.Model, StringComparer.Ordinal)
            .ThenBy(p => p.Ours.Key, StringComparer.Ordinal).ThenBy(p => p.Reference.Key.Precision, StringComparer.Ordinal);
        foreach (var (reference, ours) in pairs)
        {
            var folds = reference.Select(r => r.Fold).Distinct().Order().Where(f => ours.Any(r => r.Fold == f))
                .Select(f => (Fold: f, Ours: ours.Where(r => r.Fold == f).ToArray(), Theirs: reference.Where(r => r.Fold == f).ToArray())).ToArray();
            var differences = new List<(double Difference, double Variance)>();
            foreach (var (fold, own, theirs) in folds)
            {
                var (ourF1, theirF1) = (own.Select(r => r.MacroF1).ToArray(), theirs.Select(r => r.MacroF1).ToArray());
                var difference = SeedMeans.Difference(ourF1, theirF1);
                differences.Add(difference);
                text.AppendLine(ComparisonRow(reference.Key, fold.ToString(invariant), ours.Key, own.Select(r => r.Seed), SeedMeans.Format(ourF1),
                    theirs.Select(r => r.Seed), SeedMeans.Format(theirF1), difference));
            }
            if (folds.Length > 1)
            {
                // Over several folds: the mean of the per-fold means on each side, so that a fold with more seeds weighs no more.
                var overall = (differences.Average(d => d.Difference), differences.Sum(d => d.Variance) / (folds.Length * folds.Length));
                text.AppendLine(ComparisonRow(reference.Key, $"**{string.Join(", ", folds.Select(f => f.Fold))}**", ours.Key,
                    folds.SelectMany(f => f.Ours.Select(r => r.Seed)), folds.Average(f => f.Ours.Average(r => r.MacroF1)).ToString("0.0000", invariant),
                    folds.SelectMany(f => f.Theirs.Select(r => r.Seed)), folds.Average(f => f.Theirs.Average(r => r.MacroF1)).ToString("0.0000", invariant), overall));
            }
        }
        return text.ToString();
    }

    private static string ComparisonRow((string Dataset, string Model, string Precision) reference, string fold, string recipe,
        IEnumerable<int> ourSeeds, string ourF1, IEnumerable<int> theirSeeds, string theirF1, (double Difference, double Variance) difference) =>
        string.Create(CultureInfo.InvariantCulture,
            $"| {reference.Dataset} | {reference.Model} | {fold} | {recipe} | {ourSeeds.Count()} ({string.Join(",", ourSeeds.Distinct().Order())}) | {ourF1} | {reference.Precision} | {theirSeeds.Count()} ({string.Join(",", theirSeeds.Distinct().Order())}) | {theirF1} | {difference.Difference:+0.0000;−0.0000;0.0000} ± {(double.IsNaN(difference.Variance) ? "?" : Math.Sqrt(difference.Variance).ToString("0.0000", CultureInfo.InvariantCulture))} |");
}
