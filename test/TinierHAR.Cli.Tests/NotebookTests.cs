using System.Text.Json;
using TinierHAR.TestSupport;

namespace TinierHAR.Cli.Tests;

/// <summary>
/// The three notebooks run headlessly (dotnet-repl, small configuration) through the same script that regenerates
/// their committed outputs; a failing cell fails the run; the committed notebooks carry a full run's outputs.
/// </summary>
[TestClass]
public sealed class NotebookTests
{
    private static readonly string Folder = Path.Combine(SharedData.RepositoryRoot, "samples", "notebooks");
    private static readonly string[] Notebooks = ["01-train-and-evaluate", "02-score-sensor-logs", "03-compare-architectures"];

    public TestContext TestContext { get; set; } = null!;

    /// <summary>Each output of each code cell: its type, the error text if any, and its MIME types.</summary>
    private static List<(int Cell, string Type, string Error, string[] Mime)> Outputs(string notebook)
    {
        using var document = JsonDocument.Parse(File.ReadAllText(notebook));
        var outputs = new List<(int, string, string, string[])>();
        var cells = document.RootElement.GetProperty("cells").EnumerateArray().ToList();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!cells[i].TryGetProperty("outputs", out var list))
                continue;
            foreach (var output in list.EnumerateArray())
            {
                var type = output.GetProperty("output_type").GetString()!;
                var error = type == "error" ? $"{output.GetProperty("ename").GetString()}: {output.GetProperty("evalue").GetString()}" : "";
                var mime = output.TryGetProperty("data", out var data) ? data.EnumerateObject().Select(p => p.Name + (p.Value.ToString().Contains("data:image/png;base64,") ? ":png" : "")).ToArray() : [];
                outputs.Add((i, type, error, mime));
            }
        }
        return outputs;
    }

    private static void AssertRanWithPicturesAndTables(string notebook)
    {
        var outputs = Outputs(notebook);
        var errors = outputs.Where(o => o.Type == "error").Select(o => $"cell {o.Cell}: {o.Error}").ToList();
        Assert.IsEmpty(errors, $"{Path.GetFileName(notebook)}: {string.Join("; ", errors)}");
        Assert.IsTrue(outputs.Any(o => o.Mime.Contains("text/html:png")), $"{Path.GetFileName(notebook)} shows a plot");
        Assert.IsTrue(outputs.Any(o => o.Mime.Contains("text/csv")), $"{Path.GetFileName(notebook)} shows a table");
    }

    [TestMethod]
    [Timeout(900_000, CooperativeCancellation = true)]
    public void The_notebooks_run_headlessly_in_the_small_configuration()
    {
        var executed = Directory.CreateTempSubdirectory("tinierhar-notebooks-").FullName;
        try
        {
            var (exitCode, output) = ChildProcess.Run("bash", $"run-notebooks.sh --small {executed}", Folder, TimeSpan.FromMinutes(14));
            TestContext.WriteLine(output);
            Assert.AreEqual(0, exitCode, output);
            foreach (var notebook in Notebooks)
                AssertRanWithPicturesAndTables(Path.Combine(executed, notebook + ".ipynb"));
        }
        finally
        {
            Directory.Delete(executed, recursive: true);
        }
    }

    [TestMethod]
    [Timeout(300_000, CooperativeCancellation = true)]
    public void A_failing_cell_fails_the_run()
    {
        var folder = Directory.CreateTempSubdirectory("tinierhar-notebook-fail-").FullName;
        try
        {
            var notebook = Path.Combine(folder, "fails.ipynb");
            File.WriteAllText(notebook, """
                {"cells": [{"cell_type": "code", "execution_count": null, "metadata": {"polyglot_notebook": {"kernelName": "csharp"}}, "outputs": [],
                  "source": ["throw new InvalidOperationException(\"this cell fails\");"]}],
                 "metadata": {"kernelspec": {"display_name": ".NET (C#)", "language": "C#", "name": ".net-csharp"}}, "nbformat": 4, "nbformat_minor": 4}
                """);
            Assert.AreEqual(0, ChildProcess.Run("dotnet", "tool restore", SharedData.RepositoryRoot, TimeSpan.FromMinutes(3)).ExitCode);
            var (exitCode, output) = ChildProcess.Run("dotnet", $"tool run dotnet-repl --run {notebook} --exit-after-run --output-path {Path.Combine(folder, "out.ipynb")}",
                SharedData.RepositoryRoot, TimeSpan.FromMinutes(4));
            Assert.AreNotEqual(0, exitCode, output);
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [TestMethod]
    public void The_committed_notebooks_carry_the_outputs_of_a_full_run()
    {
        foreach (var notebook in Notebooks)
        {
            var path = Path.Combine(Folder, notebook + ".ipynb");
            AssertRanWithPicturesAndTables(path);
            StringAssert.Contains(File.ReadAllText(path), "small configuration: False", $"{notebook}: the committed outputs are a full run");
        }
    }
}
