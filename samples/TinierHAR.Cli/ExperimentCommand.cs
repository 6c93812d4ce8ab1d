using System.CommandLine;
using System.Globalization;
using Microsoft.ML;
using Spectre.Console;
using TinierHAR.MLNet.Architectures;
using TinierHAR.Datasets;
using TinierHAR.Experiments;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Cli;

/// <summary>
/// <c>experiment</c>: the paper's protocol on a benchmark dataset, fold by fold, for several models and seeds; results
/// go to <c>results.csv</c> (resumed: finished folds are skipped, and an interrupted fold continues after its last whole epoch from
/// its state in <c>resume/</c>) and <c>results.md</c> in the output folder.
/// </summary>
internal static class ExperimentCommand
{
    public static Command Create()
    {
        var dataset = new Option<string>("--dataset") { Description = $"Dataset key: {string.Join(", ", HarDatasets.Paper.Select(d => d.Key))}", Required = true };
        var data = new Option<DirectoryInfo>("--data") { Description = "The dataset's root folder, as distributed", Required = true };
        var models = new Option<string>("--models") { Description = "Comma-separated architectures", DefaultValueFactory = _ => "tinierhar" };
        var folds = new Option<string?>("--folds") { Description = "Folds, e.g. 1-10 or 1,3 (default: all)" };
        var seeds = new Option<string>("--seeds") { Description = "Seeds, e.g. 1,2,3", DefaultValueFactory = _ => "1" };
        var output = new Option<DirectoryInfo>("--output") { Description = "Folder of results.csv and results.md", Required = true };
        var recipe = new Option<TrainingRecipe>("--recipe")
        {
            Description = "Training protocol around the network: Paper (default; the authors') or WharArena (WHAR Arena v1: subject-disjoint validation, "
                + "batches of 64, cosine rate, early stopping on macro F1, class-weighted loss); use an output folder of its own",
            DefaultValueFactory = _ => TrainingRecipe.Paper,
        };
        var maxEpochs = new Option<int?>("--max-epochs") { Description = "Most epochs per fold (default: the recipe's; paper: 150, WharArena: 100)" };
        var precision = new Option<TrainingPrecision>("--precision") { Description = "Training precision: Float32 (default) or Float64 (the authors')", DefaultValueFactory = _ => TrainingPrecision.Float32 };
        var computedBiases = new Option<bool>("--computed-cancelled-biases") { Description = "Train the biases a later layer cancels on their computed (noise) gradient, as PyTorch does, instead of zero" };
        var threads = new Option<int>("--threads") { Description = "libtorch CPU threads (0: half the cores, so that two trainings share a machine without slowing each other)", DefaultValueFactory = _ => 0 };
        var int8 = new Option<bool>("--int8") { Description = "Also quantise each trained network to int8 (QDQ, calibrated on its training windows) and record its macro F1, bytes and speed (int8.md)" };
        var window = new Option<string?>("--window") { Description = "Window length: samples (200) or seconds (4s); default: the paper's for the dataset" };
        var step = new Option<string?>("--step") { Description = "Step between window starts: samples or seconds; default: the paper's, or half of --window" };
        var validationWindows = new Option<string?>("--validation-windows")
        {
            Description = "Validate on the windows a file names (one 'session:offset' per line, {fold} and {seed} in the path filled in per run; "
                + "experiments/hapt/authors/split.py writes the authors' split) instead of a random 10 %; use an output folder of its own",
        };
        var batchOrder = new Option<string?>("--batch-order")
        {
            Description = "Replay another run's mini-batches: a file (.gz or text; {fold} and {seed} filled in) with one line per epoch, the training "
                + "windows' names in batch order (experiments/hapt/authors/replay.py writes the authors'); needs --validation-windows",
        };
        var initialCheckpoint = new Option<string?>("--initial-checkpoint") { Description = "Start from this state dict (.pth or .safetensors; {fold} and {seed} filled in) instead of seeded random weights" };
        var dropout = new Option<double?>("--dropout") { Description = "The network's dropout probability (default: the paper's); use an output folder of its own" };
        var releaseMemory = new Option<bool>("--release-native-memory")
        {
            Description = "Keep glibc's defaults, which hand freed tensor memory back to the kernel at every step (measures TinierHarTrainer.Options.RetainNativeMemory)",
        };
        var backfill = new Option<bool>("--backfill-evidence")
        {
            Description = "Rerun the finished runs that have no evidence/ yet (test predictions, model bundle), check that each reproduces its results row, "
                + "and keep its evidence; the results are not changed",
        };
        var command = new Command("experiment", "Run the TinierHAR paper's protocol on a benchmark dataset (resumable).")
        {
            dataset, data, models, folds, seeds, output, recipe, maxEpochs, precision, computedBiases, threads, window, step, int8, validationWindows,
            batchOrder, initialCheckpoint, dropout, releaseMemory, backfill,
        };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            var benchmark = HarDatasets.Get(parse.GetValue(dataset)!);
            var root = parse.GetValue(data)!.FullName;
            var architectures = parse.GetValue(models)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
                .Select(m => HarNetworkOptions.Create(m).ArchitectureName).ToArray();
            var foldList = parse.GetValue(folds) is { } f ? NumberList.Parse(f, "--folds") : Enumerable.Range(1, benchmark.Folds.Count).ToArray();
            foreach (var fold in foldList)
                benchmark.TestSubjects(fold);
            var seedList = NumberList.Parse(parse.GetValue(seeds)!, "--seeds");
            var folder = parse.GetValue(output)!;
            folder.Create();
            var results = ExperimentResults.Open(Path.Combine(folder.FullName, "results.csv"));
            var (windowLength, windowStep) = (Samples(parse, window, benchmark), Samples(parse, step, benchmark));
            var trainingRecipe = parse.GetValue(recipe);
            ExperimentFolderSettings.Record(folder.FullName, results, benchmark,
                PaperExperiment.Windowing(benchmark, new PaperExperimentOptions { WindowLength = windowLength, WindowStep = windowStep }), trainingRecipe);
            var epochs = parse.GetValue(maxEpochs) ?? PaperExperimentOptions.For(trainingRecipe).MaxEpochs;
            var trainingPrecision = parse.GetValue(precision);
            var zeroCancelled = !parse.GetValue(computedBiases);
            var (precisionName, cancelledName) = (FoldResult.PrecisionName(trainingPrecision), FoldResult.CancelledBiasesName(zeroCancelled));

            var runs = (from model in architectures from seed in seedList from fold in foldList select (model, seed, fold)).ToArray();
            var backfilling = parse.GetValue(backfill);
            FoldResult? Finished((string model, int seed, int fold) r) =>
                results.Rows.FirstOrDefault(row => row.IsRun(benchmark.Key, r.model, r.fold, r.seed, precisionName, cancelledName));
            var pending = backfilling
                ? runs.Where(r => Finished(r) is { } row && !File.Exists(RunEvidence.PredictionsPath(folder.FullName, row.RunName))).ToArray()
                : runs.Where(r => Finished(r) is null).ToArray();
            console.WriteLine(backfilling
                ? $"{benchmark}; {runs.Length} fold run(s), {pending.Length} finished without evidence to rerun."
                : $"{benchmark}; {runs.Length} fold run(s), {runs.Length - pending.Length} finished already, {pending.Length} to run.");
            var terminal = AnsiConsole.Create(new AnsiConsoleSettings { Out = new AnsiConsoleOutput(console) });
            foreach (var (model, seed, fold) in pending)
            {
                var label = $"{benchmark.Key} {model} fold {fold} seed {seed} {precisionName}{(zeroCancelled ? "" : " " + cancelledName)}";
                var resumeFile = Path.Combine(folder.FullName, "resume", FoldResult.RunNameOf(model, fold, seed, precisionName, cancelledName) + ".state");
                if (File.Exists(resumeFile))
                    console.WriteLine($"{label}: resuming from {Path.GetRelativePath(Environment.CurrentDirectory, resumeFile)}");
                var options = PaperExperimentOptions.For(trainingRecipe);
                options.MaxEpochs = epochs;
                options.Precision = trainingPrecision;
                options.ZeroCancelledBiasGradients = zeroCancelled;
                options.Threads = parse.GetValue(threads);
                options.RetainNativeMemory = !parse.GetValue(releaseMemory);
                (options.WindowLength, options.WindowStep) = (windowLength, windowStep);
                options.CompareInt8 = parse.GetValue(int8);
                options.ValidationWindows = parse.GetValue(validationWindows) is { } pattern ? Lines(RunFile(pattern, validationWindows, fold, seed)) : null;
                options.BatchOrders = parse.GetValue(batchOrder) is { } orders ? BatchOrderFile.Read(RunFile(orders, batchOrder, fold, seed)) : null;
                options.InitialCheckpoint = parse.GetValue(initialCheckpoint) is { } state ? RunFile(state, initialCheckpoint, fold, seed) : null;
                options.Dropout = parse.GetValue(dropout);
                options.EvidenceFolder = folder.FullName;
                options.ResumeFile = resumeFile;
                FoldResult result;
                if (terminal.Profile.Capabilities.Interactive)
                {
                    result = terminal.Progress().AutoClear(false)
                        .Columns(new TaskDescriptionColumn(), new ProgressBarColumn(), new PercentageColumn(), new ElapsedTimeColumn())
                        .Start(progress =>
                        {
                            var task = progress.AddTask(label, maxValue: epochs);
                            var epochProgress = new EpochCallback(report =>
                            {
                                task.Description = $"{label}: epoch {report.Epoch}, validation loss {report.ValidationLoss:0.0000}, macro F1 {report.ValidationMacroF1:0.000}, {report.Seconds:0.0} s";
                                task.Value = report.Epoch;
                            });
                            return PaperExperiment.RunFold(new MLContext(seed), benchmark, root, model, fold, seed, options, new TrainingHooks { Progress = epochProgress });
                        });
                }
                else
                {
                    // A log file or pipe gets one line per epoch instead of a redrawn bar.
                    var epochProgress = new EpochCallback(report => console.WriteLine($"{label}: {report}"));
                    result = PaperExperiment.RunFold(new MLContext(seed), benchmark, root, model, fold, seed, options, new TrainingHooks { Progress = epochProgress });
                }
                if (backfilling)
                {
                    CheckReproduced(Finished((model, seed, fold))!, result, folder.FullName);
                    File.Delete(resumeFile);
                    console.WriteLine($"{label}: reproduces its row; evidence written");
                    continue;
                }
                TrainingTrajectory.Write(Path.Combine(folder.FullName, "trajectories", result.RunName + ".csv"), result.History!);
                results.Add(result);
                File.Delete(resumeFile); // the row holds the run now
                File.WriteAllText(Path.Combine(folder.FullName, "results.md"), results.ToMarkdown());
                console.WriteLine($"{label}: accuracy {result.Accuracy:0.0000}, weighted F1 {result.WeightedF1:0.0000}, macro F1 {result.MacroF1:0.0000}, "
                    + $"{result.Epochs} epochs ({result.SecondsPerEpoch:0.00} s each), {result.Seconds:0} s");
                if (result.Int8MacroF1 is { } quantizedF1)
                {
                    File.WriteAllText(Path.Combine(folder.FullName, "int8.md"), results.ToInt8Markdown());
                    console.WriteLine($"{label}: int8 macro F1 {quantizedF1:0.0000}, {result.Int8ModelBytes:N0} bytes, {result.Int8WindowsPerSecond:N0} windows/s (float32: {result.WindowsPerSecond:N0})");
                }
            }
            return 0;
        }));
        return command;
    }

    /// <summary>A backfilled run must reproduce its committed row; otherwise its evidence is removed and the run fails.</summary>
    private static void CheckReproduced(FoldResult committed, FoldResult rerun, string folder)
    {
        if (committed.DifferencesFrom(rerun) is not { Count: > 0 } differences)
            return;
        foreach (var path in RunEvidence.Paths(folder, rerun.RunName))
            File.Delete(path);
        throw new InvalidDataException($"{committed.RunName}: the rerun does not reproduce the committed row ({string.Join("; ", differences)}); its evidence was not kept.");
    }

    /// <summary>The file that <paramref name="pattern"/> names for this fold and seed; it must exist.</summary>
    private static string RunFile(string pattern, Option option, int fold, int seed)
    {
        var path = pattern.Replace("{fold}", fold.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal)
            .Replace("{seed}", seed.ToString(CultureInfo.InvariantCulture), StringComparison.Ordinal);
        if (!File.Exists(path))
            throw new FileNotFoundException($"{option.Name}: {path} (fold {fold}, seed {seed}) does not exist.", path);
        return path;
    }

    /// <summary>The file's non-blank lines, trimmed.</summary>
    private static string[] Lines(string path) => File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0).ToArray();

    private static int Samples(ParseResult parse, Option<string?> option, HarDataset dataset) =>
        parse.GetValue(option) is { } text ? WindowShapeOptions.Samples(text, dataset.SamplingRateHz, option.Name) : 0;
}
