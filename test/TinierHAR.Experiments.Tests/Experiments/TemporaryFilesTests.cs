using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Experiments.Tests.Experiments;

/// <summary>
/// Training, saving, loading and scoring leave nothing in the temp folder once the models are disposed: ML.NET's
/// OnnxTransformer keeps every model in a temporary file, and the library hands it models only in the form whose
/// file it deletes with the transformer (see <c>OwnedOnnxChain</c>).
/// </summary>
[TestClass]
public sealed class TemporaryFilesTests
{
    [TestMethod]
    public void Train_save_load_and_score_leave_no_files_in_the_temp_folder()
    {
        var temp = Directory.CreateTempSubdirectory("tinierhar-temp-").FullName;
        var output = Directory.CreateTempSubdirectory("tinierhar-out-").FullName;
        var previous = Environment.GetEnvironmentVariable("TMPDIR");
        Environment.SetEnvironmentVariable("TMPDIR", temp); // Path.GetTempPath() and every MLContext made from now on
        try
        {
            Assert.AreEqual(Path.GetFullPath(temp + "/"), Path.GetFullPath(Path.GetTempPath()), "the temp folder is redirected");
            var ml = new MLContext(1);
            var bundlePath = Path.Combine(output, "bundle.zip");
            var modelPath = Path.Combine(output, "model.zip");
            using (var run = HoldOutExperiment.Run(ml, SampleSource.Synthetic(ml, subjects: 4, seed: 1), epochs: 1, seed: 1))
            {
                run.SaveBundle(ml, bundlePath);
                ml.Model.Save(run.Model, run.WindowSchema, modelPath);

            }

            var fresh = new MLContext(2);
            fresh.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
            var log = fresh.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 1, Seed = 5 }));
            using (var bundle = HarModelBundle.Load(fresh, bundlePath))
                Assert.IsNotEmpty(bundle.ScoreLog(log).Predictions.GetColumn<float[]>("Score").ToArray(), "the bundle scores a raw log");
            var loaded = fresh.Model.Load(modelPath, out var schema);
            using (loaded as IDisposable)
                Assert.IsNotNull(loaded.GetOutputSchema(schema).GetColumnOrNull("PredictedLabel"));

            Assert.AreEqual("", string.Join(", ", Directory.GetFileSystemEntries(temp, "*", SearchOption.AllDirectories)), "nothing is left in the temp folder");
        }
        finally
        {
            Environment.SetEnvironmentVariable("TMPDIR", previous);
            Directory.Delete(temp, recursive: true);
            Directory.Delete(output, recursive: true);
        }
    }
}
