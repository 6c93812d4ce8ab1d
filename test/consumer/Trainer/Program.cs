using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;

// Trains TinierHAR for a few epochs on generated recordings; writes model.zip and the scores of its windows to <folder>.
var folder = args[0];
var ml = new MLContext(seed: 1);
var samples = ml.Data.LoadFromEnumerable(SyntheticImuGenerator.Generate(new SyntheticImuOptions { Subjects = 4, Seed = 7 }));
var windows = ml.Data.WindowSensorSamples(samples, new SensorWindowingOptions
{
    ChannelColumnNames = ImuSample.ChannelNames, WindowLength = 128, LabelColumnName = "Activity", GroupColumnNames = ["Subject"],
});
var data = ml.Data.Cache(ml.Transforms.Conversion.MapValueToKey("Label", "Activity").Fit(windows).Transform(windows));
var model = ml.Transforms.NormalizeSensorChannels("Features")
    .Append(ml.MulticlassClassification.Trainers.TinierHar("Label", "Features", maxEpochs: 3))
    .Fit(data);
ml.Model.Save(model, data.Schema, Path.Combine(folder, "model.zip"));

var scored = model.Transform(data);
var metrics = ml.MulticlassClassification.Evaluate(scored);
var scores = scored.GetColumn<float[]>("Score").Select(s => string.Join(' ', s.Select(v => v.ToString("R", CultureInfo.InvariantCulture))));
File.WriteAllLines(Path.Combine(folder, "scores.txt"), scores);
Console.WriteLine($"trained on {data.GetRowCount()} windows: micro accuracy {metrics.MicroAccuracy:F3}");
