using System.CommandLine;
using TinierHAR.Experiments;

namespace TinierHAR.Cli;

/// <summary>
/// <c>report</c>: the markdown table of an experiment's results CSV, written beside it and into a document's marked
/// section; or committed benchmark outputs copied into their sections, so that README numbers are never typed by hand.
/// </summary>
internal static class ReportCommand
{
    public static Command Create()
    {
        var results = new Option<FileInfo?>("--results") { Description = "results.csv of the experiment command" };
        var benchmarks = new Option<FileInfo[]>("--benchmark") { Description = "Benchmark outputs (BenchmarkDotNet GitHub reports, measured tool runs) for their README sections", AllowMultipleArgumentsPerToken = true };
        var readme = new Option<FileInfo[]>("--readme") { Description = "Markdown files (README.md, docs/*.md): the one whose '<!-- results: PATH -->' … '<!-- /results -->' section names the output (PATH relative to that file) gets it", AllowMultipleArgumentsPerToken = true };
        var reference = new Option<FileInfo?>("--reference") { Description = "A reference run's CSV (the authors' code on the same folds) to compare with, below the table" };
        var trajectories = new Option<string[]>("--trajectories") { Description = "Per-epoch trajectories to compare, as NAME=FILE.csv (ours or the authors'); needs --plot", AllowMultipleArgumentsPerToken = true };
        var plot = new Option<FileInfo?>("--plot") { Description = "With --trajectories: the loss-curve picture (PNG); its markdown table goes beside it (.md) and into the README section named after the picture" };
        var efficiency = new Option<FileInfo?>("--efficiency") { Description = "With --results: the models' comparison (macro F1 against parameters and MACs) as a picture (PNG); its table goes beside it (.md) and into the README section named after the picture, the paper's claim in words per model (NAME-verdict.md) into the section named after that" };
        var compare = new Option<FileInfo?>("--compare")
        {
            Description = "With --results: another experiment's results.csv, the same runs under another protocol (other windows, say); the runs made under both, "
                + "side by side with their paired difference, go to comparison.md beside --results and into the README section named after it",
        };
        var command = new Command("report", "Write the markdown table of an experiment's results (results.md, and a README section).") { results, benchmarks, readme, reference, trajectories, plot, efficiency, compare };
        command.SetAction(parse => HarCommandLine.Run(parse, console =>
        {
            if (parse.GetValue(benchmarks) is { Length: > 0 } outputs)
                return ReportBenchmarks(console, outputs, parse.GetValue(readme) is { Length: > 0 } documents ? documents : throw new ArgumentException("Option '--benchmark' needs '--readme'."));
            if (parse.GetValue(trajectories) is { Length: > 0 } runs)
                return ReportTrajectories(console, runs, parse.GetValue(plot) ?? throw new ArgumentException("Option '--trajectories' needs '--plot'."), parse.GetValue(readme));
            var csv = parse.GetValue(results) ?? throw new ArgumentException("Name '--results', '--trajectories' or '--benchmark'.");
            var experiment = OpenResults(csv);
            if (parse.GetValue(efficiency) is { } chart)
                return ReportModels(console, experiment, chart, parse.GetValue(readme));
            if (parse.GetValue(compare) is { } baseline)
                return ReportProtocols(console, experiment, baseline, parse.GetValue(readme));
            var table = experiment.ToMarkdown();
            if (parse.GetValue(reference) is { } comparison)
                table += "\n" + experiment.ToComparisonMarkdown(comparison.FullName);
            File.WriteAllText(Path.Combine(csv.DirectoryName!, "results.md"), table);
            WriteSection(console, parse.GetValue(readme), csv, table);
            console.Write(table);
            return 0;
        }));
        return command;
    }

    private static int ReportBenchmarks(TextWriter console, FileInfo[] outputs, FileInfo[] documents)
    {
        foreach (var output in outputs)
        {
            if (!output.Exists)
                throw new FileNotFoundException($"The benchmark output '{output.FullName}' does not exist.", output.FullName);
            WriteSection(console, documents, output, BenchmarkReport.Markdown(output.FullName));
        }
        return 0;
    }

    private static readonly int[] ComparedEpochs = [1, 5, 10, 20, 40, 60, 80, 100, 120];

    private static int ReportTrajectories(TextWriter console, string[] runs, FileInfo picture, FileInfo[]? readme)
    {
        var named = runs.Select(r => r.Split('=', 2) is [var name, var path] && name.Length > 0
                ? (name, TrainingTrajectory.Read(File.Exists(path) ? path : throw new FileNotFoundException($"The trajectory '{path}' does not exist.", path)))
                : throw new ArgumentException($"Option '--trajectories': '{r}' is not NAME=FILE.csv."))
            .ToArray();
        var table = TrainingTrajectory.ComparisonMarkdown(named, ComparedEpochs);
        TinierHAR.Plots.HarPlots.SavePng(TinierHAR.Plots.HarPlots.LossCurves(
            named.Select(n => (n.name, (IReadOnlyList<TinierHAR.Plots.TrainingCurvePoint>)n.Item2.Epochs
                .Select(e => new TinierHAR.Plots.TrainingCurvePoint(e.Epoch, e.TrainLoss, e.ValidationLoss, e.ValidationMacroF1, false)).ToArray())).ToArray()),
            picture.FullName);
        File.WriteAllText(Path.ChangeExtension(picture.FullName, ".md"), table);
        WriteSection(console, readme, picture, table);
        console.Write(table);
        return 0;
    }

    /// <summary>An experiment's results file, which must exist (<see cref="ExperimentResults.Open"/> reads a missing one as empty).</summary>
    private static ExperimentResults OpenResults(FileInfo csv) => csv.Exists
        ? ExperimentResults.Open(csv.FullName)
        : throw new FileNotFoundException($"The results file '{csv.FullName}' does not exist.", csv.FullName);

    /// <summary>The runs of <paramref name="experiment"/> beside the same runs in <paramref name="baseline"/>, each named by its folder.</summary>
    private static int ReportProtocols(TextWriter console, ExperimentResults experiment, FileInfo baseline, FileInfo[]? readme)
    {
        var table = experiment.ToProtocolComparisonMarkdown(OpenResults(baseline),
            Path.GetFileName(Path.GetDirectoryName(experiment.Path))!, Path.GetFileName(baseline.DirectoryName)!);
        var output = new FileInfo(Path.Combine(Path.GetDirectoryName(experiment.Path)!, "comparison.md"));
        File.WriteAllText(output.FullName, table);
        WriteSection(console, readme, output, table);
        console.Write(table);
        return 0;
    }

    private static int ReportModels(TextWriter console, ExperimentResults experiment, FileInfo chart, FileInfo[]? readme)
    {
        var models = experiment.ModelSummaries();
        if (models.Count == 0)
            throw new ArgumentException($"'{experiment.Path}' has no float32 runs to compare.");
        TinierHAR.Plots.HarPlots.SavePng(TinierHAR.Plots.HarPlots.Efficiency(
            models.Select(m => new TinierHAR.Plots.ModelPoint(m.Model, m.Parameters, m.Macs, m.MacroF1)).ToArray()), chart.FullName);
        var table = experiment.ToModelComparisonMarkdown();
        File.WriteAllText(Path.ChangeExtension(chart.FullName, ".md"), table);
        WriteSection(console, readme, chart, table);
        console.Write(table);
        // The verdict in words goes beside the table, and into the document's section named after it.
        var verdict = new FileInfo(Path.Combine(chart.DirectoryName!, Path.GetFileNameWithoutExtension(chart.Name) + "-verdict.md"));
        var words = experiment.ToModelVerdictMarkdown();
        File.WriteAllText(verdict.FullName, words);
        WriteSection(console, readme, verdict, words);
        console.Write(words);
        return 0;
    }

    /// <summary>
    /// Replaces the section named after <paramref name="artefact"/> (its path relative to the document) with
    /// <paramref name="table"/> in whichever of <paramref name="documents"/> has it; none having it is an error.
    /// </summary>
    private static void WriteSection(TextWriter console, FileInfo[]? documents, FileInfo artefact, string table)
    {
        if (documents is not { Length: > 0 })
            return;
        var written = false;
        foreach (var document in documents)
        {
            var name = Path.GetRelativePath(document.DirectoryName!, artefact.FullName).Replace('\\', '/');
            var text = File.ReadAllText(document.FullName);
            if (MarkdownSections.Read(text, name) is null)
                continue;
            File.WriteAllText(document.FullName, MarkdownSections.Replace(text, name, table));
            console.WriteLine($"Updated the '{name}' section of {document.FullName}.");
            written = true;
        }
        if (!written)
            throw new InvalidDataException($"No document of '--readme' ({string.Join(", ", documents.Select(d => d.Name))}) has a '<!-- results: … -->' section for '{artefact.FullName}' to fill.");
    }
}
