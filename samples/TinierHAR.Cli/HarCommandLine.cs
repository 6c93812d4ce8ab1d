using System.CommandLine;
using TinierHAR.MLNet;
using TinierHAR.Trainer.Checkpoints;

namespace TinierHAR.Cli;

/// <summary>The <c>tinierhar</c> command line: one verb per file, errors as one line on standard error.</summary>
public static class HarCommandLine
{
    /// <summary>Exit code for input the tool refuses (a bad file, option or checkpoint).</summary>
    public const int InputError = 2;

    /// <summary>Builds the root command with every verb.</summary>
    public static RootCommand Build()
    {
        var root = new RootCommand("TinierHAR.MLNet: human activity recognition models for ML.NET.");
        root.Subcommands.Add(ImportCommand.Create());
        root.Subcommands.Add(InfoCommand.Create());
        root.Subcommands.Add(ExportCommand.Create());
        root.Subcommands.Add(ProfileCommand.Create());
        root.Subcommands.Add(ExperimentCommand.Create());
        root.Subcommands.Add(ReportCommand.Create());
        root.Subcommands.Add(GenerateCommand.Create());
        root.Subcommands.Add(InspectCommand.Create());
        root.Subcommands.Add(TrainCommand.Create());
        root.Subcommands.Add(EvaluateCommand.Create());
        root.Subcommands.Add(ScoreCommand.Create());
        root.Subcommands.Add(SiloCommand.Create());
        return root;
    }

    /// <summary>Runs a verb body, turning the errors a user can fix into one clear line and exit code 2.</summary>
    internal static int Run(ParseResult parse, Func<TextWriter, int> body)
    {
        var output = parse.InvocationConfiguration.Output;
        try
        {
            return body(output);
        }
        catch (Exception e) when (UserInputErrors.Find(e, typeof(CheckpointMismatchException)) is { } problem)
        {
            parse.InvocationConfiguration.Error.WriteLine($"error: {UserInputErrors.OneLine(problem)}");
            return InputError;
        }
    }
}
