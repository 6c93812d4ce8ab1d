using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Scoring;
using TinierHAR.MLNet.Windowing;

// Loads <folder>/model.zip in a new process, scores the trainer's windows, and compares with <folder>/scores.txt.
var folder = args[0];
var ml = new MLContext();
ml.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 4, Seed = 7 }));
var windows = ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
{
    ChannelColumnNames = ImuSample.ChannelNames, WindowLength = 128, LabelColumnName = "Activity", GroupColumnNames = ["Subject"],
});
var model = ml.Model.Load(Path.Combine(folder, "model.zip"), out _);
var scored = model.Transform(windows);
var scores = scored.GetColumn<float[]>("Score").Select(s => string.Join(' ', s.Select(v => v.ToString("R", CultureInfo.InvariantCulture)))).ToList();
var predicted = scored.GetColumn<uint>("PredictedLabel").ToList();
var expected = File.ReadAllLines(Path.Combine(folder, "scores.txt"));

var torch = AppDomain.CurrentDomain.GetAssemblies().Where(a => a.GetName().Name?.StartsWith("TorchSharp", StringComparison.Ordinal) == true).ToList();
var libtorch = File.Exists("/proc/self/maps") && File.ReadLines("/proc/self/maps").Any(l => l.Contains("libtorch", StringComparison.Ordinal));
if (torch.Count > 0 || libtorch)
{
    Console.Error.WriteLine($"scoring loaded TorchSharp ({string.Join(", ", torch.Select(a => a.GetName().Name))}) or libtorch ({libtorch})");
    return 1;
}
var differing = scores.Zip(expected).Count(p => p.First != p.Second);
if (scores.Count != expected.Length || differing > 0 || predicted.Any(p => p == 0))
{
    Console.Error.WriteLine($"scored {scores.Count} windows, the trainer {expected.Length}; {differing} differ");
    return 1;
}
Console.WriteLine($"scored {scores.Count} windows in a new process: identical to the training process, without TorchSharp");
return 0;
