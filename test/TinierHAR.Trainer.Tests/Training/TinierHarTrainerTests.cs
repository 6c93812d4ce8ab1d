using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Evaluation;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;
using TinierHAR.Trainer.Training;

namespace TinierHAR.Trainer.Tests.Training;

[TestClass]
public sealed class TinierHarTrainerTests
{
    /// <summary>docs/pipeline.md gives the trainer's defaults (the paper's protocol) and the synthetic bouts as they are.</summary>
    [TestMethod]
    public void The_docs_describe_the_trainers_defaults()
    {
        var (trainer, synthetic) = (new TinierHarTrainer.Options(), new SyntheticImuOptions());
        RepositoryDocuments.AssertQuotedIn("docs/pipeline.md",
            $"the paper's protocol by default (AdamW {RepositoryDocuments.Setting(trainer.LearningRate)}, weight decay {RepositoryDocuments.Setting(trainer.WeightDecay)}, batch {trainer.BatchSize}, "
                + $"{trainer.MaxEpochs} epochs, rate ×{RepositoryDocuments.Setting(trainer.LearningRateFactor)} after {trainer.LearningRatePatience} epochs without strict validation improvement, "
                + $"early stop after {trainer.EarlyStoppingPatience}, best weights restored)",
            $"{synthetic.MinBoutSeconds}–{synthetic.MaxBoutSeconds} s bouts with blended transitions");
    }

    private const int Window = 32, Channels = 3;
    private static readonly string[] Activities = ["rest", "walk", "run"];

    public TestContext TestContext { get; set; } = null!;

    public sealed class SensorWindow
    {
        [VectorType(Window, Channels)]
        public float[] Features { get; set; } = [];

        public string Activity { get; set; } = "";

        public string Subject { get; set; } = "";
    }

    public sealed class Prediction
    {
        public float[] Score { get; set; } = [];

        public string? PredictedActivity { get; set; }
    }

    public sealed class FlatWindow
    {
        [VectorType(Window * Channels)]
        public float[] Features { get; set; } = [];

        public string Activity { get; set; } = "";
    }

    /// <summary>Windows whose class sets the frequency and energy of the signal, with noise: learnable, not trivial.</summary>
    private static List<SensorWindow> Windows(int perClass, int seed)
    {
        var random = new Random(seed);
        var windows = new List<SensorWindow>();
        for (var n = 0; n < perClass; n++)
        {
            for (var k = 0; k < Activities.Length; k++)
            {
                var features = new float[Window * Channels];
                var phase = random.NextDouble() * Math.PI * 2;
                for (var t = 0; t < Window; t++)
                {
                    for (var c = 0; c < Channels; c++)
                        features[t * Channels + c] = (float)((0.3 + k) * Math.Sin(phase + t * (0.2 + 0.35 * k) + c) + 0.4 * (random.NextDouble() - 0.5));
                }
                windows.Add(new SensorWindow { Features = features, Activity = Activities[k], Subject = $"s{n % 4}" });
            }
        }
        return windows;
    }

    private static (MLContext Ml, IDataView Data, ITransformer KeyMap) Prepare(int perClass = 40, int seed = 1)
    {
        var ml = new MLContext(seed: 1);
        var raw = ml.Data.LoadFromEnumerable(Windows(perClass, seed));
        var keyMap = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SensorWindow.Activity)).Fit(raw);
        return (ml, keyMap.Transform(raw), keyMap);
    }

    /// <summary>The simple catalog overload trains the same model as the Options overload with the same settings.</summary>
    [TestMethod]
    public void The_simple_catalog_overload_trains_like_the_options_overload()
    {
        var (ml, data, _) = Prepare(perClass: 8);
        var simple = ml.MulticlassClassification.Trainers.TinierHar("Label", "Features", maxEpochs: 2, seed: 3).Fit(data);
        var full = ml.MulticlassClassification.Trainers.TinierHar(new TinierHarTrainer.Options { MaxEpochs = 2, Seed = 3 }).Fit(data);
        CollectionAssert.AreEqual(full.OnnxModel, simple.OnnxModel, "same seed and settings, same model bytes");
    }

    /// <summary><c>GetOutputSchema</c> is the shape of the fitted model's output, and a missing or mistyped column is named.</summary>
    [TestMethod]
    public void GetOutputSchema_is_the_shape_of_the_trained_models_output()
    {
        var (ml, data, _) = Prepare(perClass: 8);
        var options = SmallRun();
        options.MaxEpochs = 1;
        var trainer = ml.MulticlassClassification.Trainers.TinierHar(options);

        TinierHAR.TestSupport.SchemaShapeAssert.Matches(trainer.GetOutputSchema(MLNet.SchemaShapes.ShapeOf(data.Schema)), trainer.Fit(data).Transform(data).Schema, "TinierHAR trainer");

        var withoutLabel = MLNet.SchemaShapes.ShapeOf(ml.Transforms.DropColumns("Label").Fit(data).Transform(data).Schema);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(withoutLabel)).Message, "label column 'Label'");
        var textLabel = MLNet.SchemaShapes.ShapeOf(ml.Transforms.CopyColumns("Label", nameof(SensorWindow.Activity)).Fit(data).Transform(data).Schema);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentOutOfRangeException>(() => trainer.GetOutputSchema(textLabel)).Message, "must be a key type");
    }

    private static TinierHarTrainer.Options SmallRun(int seed = 1) => new()
    {
        Network = new TinierHarOptions { RecurrentUnits = 8 },
        MaxEpochs = 12,
        BatchSize = 32,
        LearningRate = 5e-3,
        Seed = seed,
    };

    [TestMethod]
    public void Fit_scores_evaluates_saves_loads_and_predicts()
    {
        var (ml, data, _) = Prepare();
        var reports = new List<EpochReport>();
        var log = new List<string>();
        ml.Log += (_, e) => { if (e.Source.Contains(nameof(TinierHarTrainer), StringComparison.Ordinal)) lock (log) log.Add(e.Message); };
        var model = ml.MulticlassClassification.Trainers.TinierHar(SmallRun())
            .WithHooks(new TrainingHooks { Progress = new EpochCallback(reports.Add), Log = ml })
            .Fit(data);
        Assert.AreEqual(reports.Count, log.Count(m => m.Contains("] epoch ", StringComparison.Ordinal)), "one ML.NET log line per epoch");
        Assert.IsTrue(log.Any(m => m.Contains("] best epoch ", StringComparison.Ordinal)), string.Join("\n", log));
        var scored = model.Transform(data);

        Assert.HasCount(model.History.Epochs.Count, reports);
        Assert.IsNotNull(model.History.BestEpoch);
        var metrics = ml.MulticlassClassification.Evaluate(scored);
        var har = HarMetrics.Evaluate(scored);
        TestContext.WriteLine($"epochs {reports.Count}, accuracy {har.Accuracy:F3}, macro F1 {har.MacroF1:F3}, ML.NET micro accuracy {metrics.MicroAccuracy:F3}");
        Assert.IsGreaterThan(0.9, har.Accuracy, "the classes are learnable");
        Assert.AreEqual(har.Accuracy, metrics.MicroAccuracy, 1e-9, "ML.NET's evaluator and ours agree");

        VBuffer<ReadOnlyMemory<char>> slots = default;
        scored.Schema["Score"].GetSlotNames(ref slots);
        CollectionAssert.AreEqual(HarMetrics.KeyNames(data.Schema["Label"], 3), slots.DenseValues().Select(s => s.ToString()).ToArray(),
            "Score slot names are the label's key values");
        CollectionAssert.AreEqual(HarMetrics.KeyNames(data.Schema["Label"], 3), HarMetrics.KeyNames(scored.Schema["PredictedLabel"], 3),
            "PredictedLabel carries the label's key values in key order");
        var scores = scored.GetColumn<float[]>("Score").ToArray();
        var predicted = scored.GetColumn<uint>("PredictedLabel").ToArray();
        for (var i = 0; i < scores.Length; i++)
            Assert.AreEqual((uint)Array.IndexOf(scores[i], scores[i].Max()) + 1, predicted[i], $"row {i}: PredictedLabel is the arg-max of Score");

        var path = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"model-{Guid.NewGuid():N}.zip");
        ml.Model.Save(model, data.Schema, path);
        var fresh = new MLContext(seed: 7);
        fresh.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
        var loaded = fresh.Model.Load(path, out _);
        var reloaded = loaded.Transform(data).GetColumn<float[]>("Score").ToArray();
        for (var i = 0; i < scores.Length; i++)
            CollectionAssert.AreEqual(scores[i], reloaded[i], $"row {i}: identical scores after Save and Load");

        var engine = fresh.Model.CreatePredictionEngine<SensorWindow, Prediction>(
            ml.Transforms.Conversion.MapValueToKey("Label", nameof(SensorWindow.Activity)).Fit(data).Append(loaded)
                .Append(fresh.Transforms.Conversion.MapKeyToValue(nameof(Prediction.PredictedActivity), "PredictedLabel").Fit(loaded.Transform(data))));
        var window = Windows(1, 99)[2];
        var prediction = engine.Predict(window);
        TestContext.WriteLine($"PredictionEngine: {window.Activity} → {prediction.PredictedActivity}");
        Assert.AreEqual(3, prediction.Score.Length);
        Assert.AreEqual("run", prediction.PredictedActivity);
        File.Delete(path);
    }

    [TestMethod]
    public void Same_seed_same_model_bytes_and_another_seed_another_model()
    {
        var (ml, data, _) = Prepare(perClass: 20);
        var first = ml.MulticlassClassification.Trainers.TinierHar(SmallRun(seed: 3)).Fit(data);
        var second = ml.MulticlassClassification.Trainers.TinierHar(SmallRun(seed: 3)).Fit(data);
        var other = ml.MulticlassClassification.Trainers.TinierHar(SmallRun(seed: 4)).Fit(data);

        CollectionAssert.AreEqual(first.OnnxModel, second.OnnxModel, "same seed and data → identical ONNX bytes");
        var augmented = SmallRun(seed: 3);
        augmented.Augmentation = new WindowAugmentation { RotatedSensors = [[0, 1, 2]], ScaleMin = 0.9, ScaleMax = 1.1, JitterStandardDeviation = 0.02 };
        var augmentedAgain = SmallRun(seed: 3);
        augmentedAgain.Augmentation = augmented.Augmentation;
        CollectionAssert.AreEqual(ml.MulticlassClassification.Trainers.TinierHar(augmented).Fit(data).OnnxModel,
            ml.MulticlassClassification.Trainers.TinierHar(augmentedAgain).Fit(data).OnnxModel, "augmented training is reproducible too");
        CollectionAssert.AreNotEqual(first.OnnxModel, other.OnnxModel);
        CollectionAssert.AreEqual(first.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray(),
            second.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
    }

    /// <summary>ML.NET's CrossValidate with the subject as sampling key: each subject is held out by exactly one fold, every
    /// window is scored once, and each fold's metrics count its own held-out windows.</summary>
    [TestMethod]
    public void CrossValidate_by_subject_holds_each_subject_out_once()
    {
        var (ml, data, _) = Prepare(perClass: 24);
        var options = SmallRun();
        options.MaxEpochs = 4;
        var folds = ml.MulticlassClassification.CrossValidate(data, ml.MulticlassClassification.Trainers.TinierHar(options),
            numberOfFolds: 2, samplingKeyColumnName: nameof(SensorWindow.Subject));

        Assert.HasCount(2, folds);
        var heldOut = folds.Select(f => f.ScoredHoldOutSet.GetColumn<string>(nameof(SensorWindow.Subject)).ToArray()).ToArray();
        var subjects = data.GetColumn<string>(nameof(SensorWindow.Subject)).Distinct().Order().ToArray();
        Assert.IsGreaterThan(2, subjects.Length, "more subjects than folds, so that a fold holds several");
        CollectionAssert.AreEqual(subjects, heldOut.SelectMany(s => s.Distinct()).Order().ToArray(), "each subject held out by exactly one fold");
        Assert.AreEqual(data.GetColumn<string>(nameof(SensorWindow.Subject)).LongCount(), heldOut.Sum(h => (long)h.Length), "every window scored once");
        foreach (var (fold, subjectsOut) in folds.Zip(heldOut))
        {
            Assert.IsNotEmpty(subjectsOut);
            Assert.AreEqual(subjectsOut.Length, HarMetrics.Evaluate(fold.ScoredHoldOutSet).Count, "the fold's metrics count its held-out windows");
        }
    }

    [TestMethod]
    public void Explicit_subject_folds_and_validation_on_held_out_subjects()
    {
        var (ml, data, _) = Prepare(perClass: 24);
        var options = SmallRun();
        options.MaxEpochs = 3;
        var folds = GroupFoldValidation.Run(ml, data, ml.MulticlassClassification.Trainers.TinierHar(options), nameof(SensorWindow.Subject),
            [["s0", "s1"], ["s2", "s3"]]);

        Assert.HasCount(2, folds);
        Assert.AreEqual(2 * 6 * Activities.Length, folds[0].Metrics.Count, "fold 0 tests exactly the windows of s0 and s1");
        Assert.AreEqual(2 * 6 * Activities.Length, folds[1].Metrics.Count);

        var byGroups = SmallRun();
        byGroups.MaxEpochs = 2;
        byGroups.ValidationGroupColumnName = nameof(SensorWindow.Subject);
        byGroups.ValidationGroups = ["s3"];
        var reports = new List<EpochReport>();
        ml.MulticlassClassification.Trainers.TinierHar(byGroups).WithHooks(new TrainingHooks { Progress = new EpochCallback(reports.Add) }).Fit(data);
        Assert.HasCount(2, reports);

        byGroups.ValidationGroups = ["nobody"];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(byGroups).Fit(data)).Message,
            "0 validation windows");
    }

    /// <summary>Validation windows given as their own IDataView train the model that holding the same windows out by group
    /// trains: every input window trains, in its order, and the given ones validate in theirs.</summary>
    [TestMethod]
    public void Given_validation_data_trains_like_the_same_windows_held_out_by_group()
    {
        var ml = new MLContext(seed: 1);
        var windows = Windows(perClass: 12, seed: 1);
        var keyMap = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SensorWindow.Activity)).Fit(ml.Data.LoadFromEnumerable(windows));
        IDataView Keyed(IEnumerable<SensorWindow> rows) => keyMap.Transform(ml.Data.LoadFromEnumerable(rows.ToList()));

        var byGroup = SmallRun(seed: 5);
        (byGroup.MaxEpochs, byGroup.ValidationGroupColumnName, byGroup.ValidationGroups) = (3, nameof(SensorWindow.Subject), ["s3"]);
        var heldOut = ml.MulticlassClassification.Trainers.TinierHar(byGroup).Fit(Keyed(windows));
        var given = SmallRun(seed: 5);
        (given.MaxEpochs, given.ValidationData) = (3, Keyed(windows.Where(w => w.Subject == "s3")));
        var apart = ml.MulticlassClassification.Trainers.TinierHar(given).Fit(Keyed(windows.Where(w => w.Subject != "s3")));

        Assert.AreEqual(windows.Count(w => w.Subject == "s3"), apart.History.ValidationWindows);
        Assert.AreEqual(windows.Count(w => w.Subject != "s3"), apart.History.TrainWindows, "every input window trains");
        CollectionAssert.AreEqual(heldOut.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray(),
            apart.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray());
        CollectionAssert.AreEqual(heldOut.OnnxModel, apart.OnnxModel, "the same model bytes");

        var twoClasses = ml.Data.LoadFromEnumerable(windows.Take(2).ToList());
        given.ValidationData = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SensorWindow.Activity)).Fit(twoClasses).Transform(twoClasses);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(given).Fit(Keyed(windows))).Message,
            $"Column 'Label' has 2 classes; the training data has {Activities.Length}.");
    }

    [TestMethod]
    public void Training_starts_from_an_initial_checkpoint()
    {
        var (ml, data, _) = Prepare(perClass: 8);
        var network = new TinierHarOptions { RecurrentUnits = 8 };
        TorchSharp.torch.random.manual_seed(42);
        using var source = TinierHAR.Trainer.Networks.HarNetwork.Create(network, Window, Channels, Activities.Length);
        source.eval();
        var checkpoint = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.pth");
        TorchSharp.PyBridge.PyBridgeModuleExtensions.save_py(source, checkpoint);

        var options = SmallRun();
        options.Network = network;
        options.InitialCheckpoint = checkpoint;
        options.LearningRate = 1e-12; // one epoch that cannot move the weights: the model must be the checkpoint
        options.MaxEpochs = 1;
        var model = ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data);
        File.Delete(checkpoint);

        // BatchNorm's running statistics move during any training epoch; the classifier weights move only with the rate.
        // The graph keeps the classifier transposed, (directions, H, K), for its direction-major attention.
        var initializer = global::Onnx.ModelProto.Parser.ParseFrom(model.OnnxModel).Graph.Initializer.Single(i => i.Name == "classifier.0.weight_t");
        var exported = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, float>(initializer.RawData.Span).ToArray();
        var expected = source.state_dict()["classifier.0.weight"].data<float>().ToArray();
        Assert.AreEqual(expected.Length, exported.Length);
        var (classes, width) = (Activities.Length, expected.Length / Activities.Length);
        for (var c = 0; c < classes; c++)
            for (var j = 0; j < width; j++)
                Assert.AreEqual(expected[c * width + j], exported[j * classes + c], 1e-6, $"classifier weight ({c}, {j}) comes from the checkpoint");
    }

    /// <summary>A replay takes the initial state and every epoch's batch order from outside; with dropout off nothing
    /// random is left, so two seeds train the same model. A replayed order must name each training window once.</summary>
    [TestMethod]
    public void A_replayed_run_depends_only_on_its_initial_state_and_batch_order()
    {
        var ml = new MLContext(seed: 1);
        var windows = Windows(perClass: 8, seed: 1);
        for (var i = 0; i < windows.Count; i++)
            windows[i].Subject = $"w{i}";
        var data = ml.Transforms.Conversion.MapValueToKey("Label", nameof(SensorWindow.Activity)).Fit(ml.Data.LoadFromEnumerable(windows))
            .Transform(ml.Data.LoadFromEnumerable(windows));
        var names = windows.Select(w => w.Subject).ToArray();
        var (validation, training) = (names[..6], names[6..]);
        var shuffle = new Random(7);
        var orders = Enumerable.Range(0, 2).Select(_ =>
        {
            var order = training.ToArray();
            shuffle.Shuffle(order);
            return (IReadOnlyList<string>)order;
        }).ToArray();

        var network = new TinierHarOptions { RecurrentUnits = 8, Dropout = 0 };
        TorchSharp.torch.random.manual_seed(42);
        using (var source = TinierHAR.Trainer.Networks.HarNetwork.Create(network, Window, Channels, Activities.Length))
        {
            var checkpoint = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.pth");
            TorchSharp.PyBridge.PyBridgeModuleExtensions.save_py(source, checkpoint);
            TinierHarModel Replay(int seed, IReadOnlyList<IReadOnlyList<string>>? batchOrders)
            {
                var options = SmallRun(seed);
                (options.Network, options.MaxEpochs, options.InitialCheckpoint) = (network, 2, checkpoint);
                (options.ValidationGroupColumnName, options.ValidationGroups, options.BatchOrders) = (nameof(SensorWindow.Subject), validation, batchOrders);
                return ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data);
            }

            var (first, second) = (Replay(1, orders), Replay(2, orders));
            CollectionAssert.AreEqual(first.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray(),
                second.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss)).ToArray(), "the same replay under two seeds");
            CollectionAssert.AreEqual(first.OnnxModel, second.OnnxModel, "the same model bytes");
            CollectionAssert.AreNotEqual(Replay(1, null).OnnxModel, Replay(2, null).OnnxModel, "without the replay, the seed shuffles the batches");

            var withValidationWindow = orders.Select(o => (IReadOnlyList<string>)o.Skip(1).Prepend(validation[0]).ToArray()).ToArray();
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Replay(1, withValidationWindow)).Message,
                $"'BatchOrders': epoch 1 names '{validation[0]}', which is not a training window.");
            var missing = orders.Select(o => (IReadOnlyList<string>)o.Skip(1).ToArray()).ToArray();
            StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => Replay(1, missing)).Message,
                $"epoch 1 lists {training.Length - 1} names ({training.Length - 1} distinct); each of the {training.Length} training windows must appear once.");
            File.Delete(checkpoint);
        }
    }

    [TestMethod]
    public void Class_weights_pull_predictions_toward_the_heavy_class()
    {
        var (ml, data, _) = Prepare(perClass: 16);
        uint Predicted(float[]? weights)
        {
            var options = SmallRun();
            options.MaxEpochs = 4;
            options.ClassWeights = weights;
            var predicted = ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data).Transform(data).GetColumn<uint>("PredictedLabel");
            return (uint)predicted.Count(p => p == 1);
        }
        var plain = Predicted(null);
        var heavy = Predicted([50f, 1f, 1f]);
        TestContext.WriteLine($"windows predicted as the first class: {plain} without weights, {heavy} with weight 50 on it");
        Assert.IsGreaterThan(plain, heavy);
        var options = SmallRun();
        options.ClassWeights = [1f, 2f];
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data)).Message, "2 weights for 3 classes");
    }

    /// <summary>Inverse-frequency weighting trains exactly as the weights n / (K · n_c) given by hand, and differs from no
    /// weights on classes of unequal size (every input window trains here: the validation data is given).</summary>
    [TestMethod]
    public void Inverse_frequency_weighting_is_n_over_K_times_the_class_count()
    {
        var (ml, balanced, _) = Prepare(perClass: 12);
        var data = ml.Data.FilterByCustomPredicate<SensorWindow>(balanced, w => w.Activity == Activities[0] && w.Features[0] > 0); // fewer windows of the first class
        var counts = Activities.Select(a => data.GetColumn<string>(nameof(SensorWindow.Activity)).Count(x => x == a)).ToArray();
        Assert.IsLessThan(counts[1], counts[0], "the first class is the rare one");
        byte[] Fitted(ClassWeighting weighting, float[]? weights)
        {
            var options = SmallRun();
            (options.MaxEpochs, options.ValidationData, options.ClassWeighting, options.ClassWeights) = (2, balanced, weighting, weights);
            return ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data).OnnxModel;
        }
        var byHand = counts.Select(c => (float)((double)counts.Sum() / (counts.Length * (double)c))).ToArray();
        CollectionAssert.AreEqual(Fitted(ClassWeighting.None, byHand), Fitted(ClassWeighting.InverseFrequency, null), "the same model bytes");
        CollectionAssert.AreNotEqual(Fitted(ClassWeighting.None, null), Fitted(ClassWeighting.InverseFrequency, null), "the weights change training");

        var both = SmallRun();
        (both.ClassWeighting, both.ClassWeights) = (ClassWeighting.InverseFrequency, byHand);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(both)).Message,
            "'ClassWeighting': computes the class weights; leave ClassWeights null or set ClassWeighting to None.");
    }

    /// <summary>WHAR Arena's schedule: the cosine sets each epoch's rate (no plateau drop), and the kept weights are
    /// those of the strictly highest validation macro F1; training stops after the patience without a higher one.</summary>
    [TestMethod]
    public void Cosine_rate_and_stopping_on_macro_F1_follow_their_definitions()
    {
        var (ml, data, _) = Prepare(perClass: 10);
        var options = SmallRun();
        (options.MaxEpochs, options.LearningRatePatience, options.EarlyStoppingPatience) = (8, 1, 3);
        (options.LearningRateSchedule, options.EarlyStoppingMetric) = (LearningRateSchedule.Cosine, EarlyStoppingMetric.ValidationMacroF1);
        var history = ml.MulticlassClassification.Trainers.TinierHar(options).Fit(data).History;

        foreach (var epoch in history.Epochs)
            Assert.AreEqual(options.LearningRate * (1 + Math.Cos(Math.PI * (epoch.Epoch - 1) / 8)) / 2, epoch.LearningRate, 1e-15, $"epoch {epoch.Epoch}'s rate");
        var best = double.NegativeInfinity;
        var sinceBest = 0;
        foreach (var epoch in history.Epochs)
        {
            var higher = epoch.ValidationMacroF1 > best;
            Assert.AreEqual(higher, epoch.IsBest, $"epoch {epoch.Epoch}: kept exactly when its macro F1 {epoch.ValidationMacroF1} exceeds {best}");
            (best, sinceBest) = higher ? (epoch.ValidationMacroF1, 0) : (best, sinceBest + 1);
            Assert.IsTrue(sinceBest < 3 || epoch == history.Epochs[^1], $"epoch {epoch.Epoch}: the third without a higher macro F1 ends training");
        }
        Assert.IsTrue(sinceBest == 3 || history.Epochs.Count == 8, "training ran to the limit or stopped after 3 epochs without a higher macro F1");
        Assert.AreEqual(history.Epochs.Where(e => e.ValidationMacroF1 == best).Min(e => e.Epoch), history.BestEpoch!.Epoch, "the first epoch of the highest macro F1 is restored");
    }

    /// <summary>A cancellation that arrives while training runs (here, as epoch 2 reports) stops it before the next
    /// mini-batch: no third epoch, and the fit throws instead of returning a model.</summary>
    [TestMethod]
    public void Cancellation_during_training_stops_it_before_the_next_epoch()
    {
        var (ml, data, _) = Prepare(perClass: 10);
        using var cancel = new CancellationTokenSource();
        var options = SmallRun();
        options.MaxEpochs = 10;
        var epochs = new List<int>();
        var progress = new EpochCallback(report =>
        {
            epochs.Add(report.Epoch);
            if (report.Epoch == 2)
                cancel.Cancel();
        });
        var trainer = ml.MulticlassClassification.Trainers.TinierHar(options).WithHooks(new TrainingHooks { Progress = progress, Cancellation = cancel.Token });
        Assert.ThrowsExactly<OperationCanceledException>(() => trainer.Fit(data));
        CollectionAssert.AreEqual(new[] { 1, 2 }, epochs, "epochs trained before the cancellation took effect");
    }

    /// <summary>A run stopped after epoch 3 (here by cancellation, as by a kill) and fitted again with the same
    /// <see cref="TinierHarTrainer.Options.ResumeFile"/> trains epochs 4 to 8 only, and ends with the same ONNX bytes and
    /// the same losses, epoch for epoch, as a run never stopped. Dropout, augmentation, shuffling and learning-rate drops
    /// are all on, so a state that missed libtorch's generator, a seeded stream, AdamW's moments or the schedule would
    /// show. Fitting once more restores the finished run without training.</summary>
    [TestMethod]
    public void A_stopped_run_resumes_from_its_file_to_the_bytes_of_a_run_never_stopped()
    {
        var (ml, data, _) = Prepare(perClass: 12);
        TinierHarTrainer.Options Options(string? resumeFile)
        {
            var options = SmallRun(seed: 5);
            (options.MaxEpochs, options.LearningRate, options.LearningRatePatience, options.ResumeFile) = (8, 0.03, 1, resumeFile);
            options.Augmentation = new WindowAugmentation { RotatedSensors = [[0, 1, 2]], ScaleMin = 0.9, ScaleMax = 1.1, JitterStandardDeviation = 0.05 };
            return options;
        }
        var whole = ml.MulticlassClassification.Trainers.TinierHar(Options(null)).Fit(data);
        Assert.IsTrue(whole.History.Epochs.Select(e => e.LearningRate).Distinct().Count() > 1, "the learning rate drops within the run");

        var file = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.state");
        using var cancel = new CancellationTokenSource();
        var stopAt3 = new EpochCallback(report =>
        {
            if (report.Epoch == 3)
                cancel.Cancel();
        });
        Assert.ThrowsExactly<OperationCanceledException>(() =>
            ml.MulticlassClassification.Trainers.TinierHar(Options(file)).WithHooks(new TrainingHooks { Progress = stopAt3, Cancellation = cancel.Token }).Fit(data));

        var reported = new List<int>();
        var resumed = ml.MulticlassClassification.Trainers.TinierHar(Options(file)).WithHooks(new TrainingHooks { Progress = new EpochCallback(r => reported.Add(r.Epoch)) }).Fit(data);
        Assert.AreEqual(3, resumed.History.ResumedEpochs);
        CollectionAssert.AreEqual(Enumerable.Range(1, 8).ToArray(), reported, "the restored epochs are reported again, then the rest");
        CollectionAssert.AreEqual(whole.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.LearningRate, e.IsBest)).ToArray(),
            resumed.History.Epochs.Select(e => (e.TrainLoss, e.ValidationLoss, e.LearningRate, e.IsBest)).ToArray());
        CollectionAssert.AreEqual(whole.OnnxModel, resumed.OnnxModel, "resumed → the bytes of the run never stopped");

        var again = ml.MulticlassClassification.Trainers.TinierHar(Options(file)).Fit(data);
        Assert.AreEqual(8, again.History.ResumedEpochs, "a finished run is restored, not trained");
        Assert.AreEqual(whole.History.StoppedEarly, again.History.StoppedEarly);
        CollectionAssert.AreEqual(whole.OnnxModel, again.OnnxModel);
    }

    /// <summary>A resume file is refused by another run, naming what differs, and a damaged one is refused as such.</summary>
    [TestMethod]
    public void A_resume_file_of_another_run_or_a_damaged_one_is_refused()
    {
        var (ml, data, _) = Prepare(perClass: 6);
        var file = Path.Combine(TestContext.TestRunResultsDirectory ?? Path.GetTempPath(), $"{Guid.NewGuid():N}.state");
        var first = SmallRun(seed: 3);
        (first.MaxEpochs, first.ResumeFile) = (1, file);
        ml.MulticlassClassification.Trainers.TinierHar(first).Fit(data);

        var other = SmallRun(seed: 4);
        (other.MaxEpochs, other.ResumeFile) = (1, file);
        var refused = Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(other).Fit(data));
        Assert.AreEqual(nameof(TinierHarTrainer.Options.ResumeFile), refused.ParamName);
        StringAssert.Contains(refused.Message, "its seed ('3') differs from this run's ('4')");

        var otherData = Prepare(perClass: 6, seed: 2).Data;
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(first).Fit(otherData)).Message, "its training windows ('16 x 32 x 3, SHA-256 ");

        File.WriteAllBytes(file, File.ReadAllBytes(file)[..200]);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => ml.MulticlassClassification.Trainers.TinierHar(first).Fit(data)).Message, "ends early");
    }

    [TestMethod]
    public void Bad_input_gets_a_clear_error()
    {
        var (ml, data, _) = Prepare(perClass: 4);
        var textLabel = ml.Transforms.CopyColumns("Label", nameof(SensorWindow.Activity)).Fit(ml.Data.LoadFromEnumerable(Windows(4, 1)))
            .Transform(ml.Data.LoadFromEnumerable(Windows(4, 1)));
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(SmallRun()).Fit(textLabel)).Message, "key type");

        var flatRaw = ml.Data.LoadFromEnumerable(Windows(4, 1).Select(w => new FlatWindow { Features = w.Features, Activity = w.Activity }));
        var flat = ml.Transforms.Conversion.MapValueToKey("Label", nameof(FlatWindow.Activity)).Fit(flatRaw).Transform(flatRaw);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(SmallRun()).Fit(flat)).Message, "Vector<Single, T, C>");

        var renamed = ml.Transforms.CopyColumns("Windows", "Features").Fit(data).Transform(data);
        var options = SmallRun();
        options.FeatureColumnName = "Windows";
        options.MaxEpochs = 1;
        Assert.AreEqual(data.GetRowCount() ?? 12, ml.MulticlassClassification.Trainers.TinierHar(options).Fit(renamed).Transform(renamed).GetColumn<uint>("PredictedLabel").LongCount(),
            "another window column name works too");

        var badOptions = SmallRun();
        badOptions.ValidationFraction = 1.5;
        Assert.AreEqual(nameof(TinierHarTrainer.Options.ValidationFraction),
            Assert.ThrowsExactly<ArgumentException>(() => ml.MulticlassClassification.Trainers.TinierHar(badOptions)).ParamName);
    }
}
