using Microsoft.ML;
using TinierHAR.Cli;
using TinierHAR.Experiments;

namespace TinierHAR.Benchmarks;

/// <summary>What the log-scoring benchmarks share: a small trained bundle, and the tool's <c>score</c> verb run in-process.</summary>
internal static class ScoreVerbRun
{
    /// <summary>Trains TinierHAR for 3 epochs on 5 synthetic subjects (speed does not depend on accuracy) and saves its bundle in <paramref name="folder"/>.</summary>
    public static string TrainBundle(MLContext ml, string folder)
    {
        var run = HoldOutExperiment.Run(ml, SampleSource.Synthetic(ml, subjects: 5, seed: 3), epochs: 3, seed: 1);
        var path = Path.Combine(folder, "bundle.zip");
        run.SaveBundle(ml, path);
        return path;
    }

    /// <summary><c>tinierhar score</c> of <paramref name="log"/> with predictions, smoothed segments and the subject column, into <paramref name="folder"/>.</summary>
    public static int Score(string bundle, string log, string folder)
    {
        var args = new[] { "score", "--model", bundle, "--input", log, "--subject", "Subject", "--output", Path.Combine(folder, "predictions.csv"),
            "--segments", Path.Combine(folder, "segments.csv"), "--smooth", "5" };
        var exit = HarCommandLine.Build().Parse(args).Invoke(new System.CommandLine.InvocationConfiguration { Output = TextWriter.Null, Error = Console.Error });
        return exit == 0 ? exit : throw new InvalidOperationException($"score exited with {exit}");
    }
}
