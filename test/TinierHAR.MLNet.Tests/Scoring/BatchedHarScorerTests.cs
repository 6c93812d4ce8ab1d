using System.Buffers;
using System.Runtime.InteropServices;
using Microsoft.ML;
using Microsoft.ML.Data;
using Microsoft.ML.OnnxRuntime;
using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Checkpoints;
using TinierHAR.MLNet.Onnx;
using TinierHAR.MLNet.Scoring;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Scoring;

[TestClass]
public sealed class BatchedHarScorerTests
{
    private static (byte[] Onnx, float[] Windows, int Count, GoldenFixture Fixture) Model()
    {
        var fixture = GoldenFixture.Load("tinierhar-random-c9-t128-k6");
        var onnx = fixture.OnnxModel(Enumerable.Range(0, fixture.Classes).Select(i => $"c{i}").ToArray());
        var input = fixture.Input().ToSingles();
        // Several copies, perturbed, so that batches of 7 split the windows unevenly.
        var windows = Enumerable.Range(0, 5).SelectMany(copy => input.Select(v => v + copy * 0.01f)).ToArray();
        return (onnx, windows, windows.Length / (fixture.Window * fixture.Channels), fixture);
    }

    [TestMethod]
    public void Batched_scores_equal_the_OnnxTransformer_per_row_scores()
    {
        var (onnx, windows, count, fixture) = Model();
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        var data = WindowRows.Load(new MLContext(1), windows, t, c);
        var perRow = ScoringChain.Build(onnx, Enumerable.Range(0, k).Select(i => $"c{i}").ToArray(), "Features", data)
            .Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray();

        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 7 });
        var batched = scorer.Score(windows);

        Assert.AreEqual(count * k, batched.Length);
        // Not bit-identical: ONNX Runtime blocks its kernels by batch size, which reorders float sums (measured: 6e-8).
        Assert.IsTrue(perRow.Zip(batched).All(p => Math.Abs(p.First - p.Second) <= 1e-6f), $"largest difference {perRow.Zip(batched).Max(p => Math.Abs(p.First - p.Second))}");
    }

    [TestMethod]
    public void One_scorer_serves_concurrent_callers_with_the_sequential_results()
    {
        var (onnx, windows, _, _) = Model();
        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 16, IntraOpThreads = 1 });
        var expected = scorer.Score(windows);

        var results = new float[8][];
        Parallel.For(0, results.Length, new ParallelOptions { MaxDegreeOfParallelism = 8 }, i => results[i] = scorer.Score(windows));

        foreach (var result in results)
            CollectionAssert.AreEqual(expected, result);
    }

    /// <summary>
    /// Disposing a scorer while another thread's call is inside ONNX Runtime waits for that call, which returns its full
    /// scores; a later call is refused as disposed (ONNX Runtime's session threw a NullReferenceException).
    /// </summary>
    [TestMethod]
    [Timeout(120_000, CooperativeCancellation = true)]
    public void Dispose_waits_for_the_call_in_flight_and_later_calls_are_refused()
    {
        var (onnx, windows, _, _) = Model();
        var options = new BatchedHarScorerOptions { BatchSize = 1024, ConcurrentBatches = 1 };
        float[] expected;
        using (var reference = new BatchedHarScorer(onnx, options))
            expected = reference.Score(windows);
        var scorer = new BatchedHarScorer(onnx, options);
        using var gated = new GatedMemory(windows);
        // Threads of their own: a blocked call must not keep Dispose waiting for a pool thread.
        var call = Task.Factory.StartNew(() => scorer.Score(gated.Memory), TaskCreationOptions.LongRunning);
        Assert.IsTrue(gated.Pinned.Wait(TimeSpan.FromSeconds(60)), "the call hands its windows to ONNX Runtime");

        var disposing = new Thread(scorer.Dispose);
        disposing.Start();
        Assert.IsFalse(disposing.Join(TimeSpan.FromMilliseconds(500)), "Dispose returned while a call was in flight");
        Assert.AreEqual(1, scorer.CallsInFlight);
        gated.Open();

        CollectionAssert.AreEqual(expected, call.Result);
        Assert.IsTrue(disposing.Join(TimeSpan.FromSeconds(60)), "Dispose ends with the call");
        Assert.AreEqual(0, scorer.CallsInFlight);
        Assert.ThrowsExactly<ObjectDisposedException>(() => scorer.Score(windows));
        scorer.Dispose(); // twice is harmless
    }

    /// <summary>
    /// A batched-scoring cursor disposed after one row (its reader and scoring tasks still working ahead) returns only
    /// when no call of its scorer is in flight: no work of a disposed cursor runs on (it could outlive the scorer or the process).
    /// </summary>
    [TestMethod]
    public void A_cursor_disposed_early_leaves_no_scoring_call_in_flight()
    {
        var (onnx, windows, _, fixture) = Model();
        var many = Enumerable.Repeat(windows, 40).SelectMany(w => w).ToArray();
        var data = WindowRows.Load(new MLContext(1), many, fixture.Window, fixture.Channels);
        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 64, ConcurrentBatches = 1 });
        var scored = new BatchedScoresDataView(data, scorer, new BatchedHarScoringOptions());
        for (var attempt = 0; attempt < 5; attempt++)
        {
            using (var cursor = scored.GetRowCursor(scored.Schema))
                Assert.IsTrue(cursor.MoveNext());
            // Batches queued on the thread pool start late: watch a while, not once.
            for (var clock = System.Diagnostics.Stopwatch.StartNew(); clock.ElapsedMilliseconds < 300;)
                Assert.AreEqual(0, scorer.CallsInFlight, $"attempt {attempt + 1}: a scoring call outlived its cursor");
        }
    }

    /// <summary>Memory whose pin (ONNX Runtime pins the input of each call) blocks until <see cref="Open"/>.</summary>
    private sealed class GatedMemory(float[] values) : MemoryManager<float>
    {
        private readonly ManualResetEventSlim gate = new();

        public ManualResetEventSlim Pinned { get; } = new();

        public void Open() => gate.Set();

        public override Span<float> GetSpan() => values;

        public override unsafe MemoryHandle Pin(int elementIndex = 0)
        {
            Pinned.Set();
            gate.Wait(TimeSpan.FromSeconds(60));
            var handle = GCHandle.Alloc(values, GCHandleType.Pinned);
            return new MemoryHandle((float*)handle.AddrOfPinnedObject() + elementIndex, handle, this);
        }

        public override void Unpin()
        {
            // The handle that Pin returns frees its GCHandle itself.
        }

        protected override void Dispose(bool disposing)
        {
            gate.Set();
            gate.Dispose();
            Pinned.Dispose();
        }
    }

    [TestMethod]
    public void Bad_options_and_ragged_input_are_refused()
    {
        Assert.AreEqual("BatchSize", Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorerOptions { BatchSize = 0 }.Validate()).ParamName);
        Assert.AreEqual("ConcurrentBatches", Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorerOptions { ConcurrentBatches = -1 }.Validate()).ParamName);
        Assert.AreEqual("IntraOpThreads", Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorerOptions { IntraOpThreads = -1 }.Validate()).ParamName);
        new BatchedHarScorerOptions { BatchSize = 1, ConcurrentBatches = 0, IntraOpThreads = 0 }.Validate(); // the smallest allowed
        var (onnx, windows, _, fixture) = Model();
        Assert.AreEqual("BatchSize", Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 0 })).ParamName, "the scorer checks its options");
        Assert.AreEqual("onnxModel", Assert.ThrowsExactly<ArgumentNullException>(() => new BatchedHarScorer(null!)).ParamName);
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorer(onnx, normalization: new ChannelNormalization([0f], [1f]))).Message, "1");
        using var scorer = new BatchedHarScorer(onnx);
        Assert.AreEqual(128 * Environment.ProcessorCount, scorer.PreferredWindowsPerCall, "the default: batches of 128, one per core");
        using (var sized = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 16, ConcurrentBatches = 3 }))
            Assert.AreEqual(48, sized.PreferredWindowsPerCall);
        Assert.AreEqual(GraphOptimizationLevel.ORT_ENABLE_EXTENDED, new BatchedHarScorerOptions().ResolvedGraphOptimization(new TinierHarOptions()), "level All pads TinierHAR's few filters to 16-channel blocks");
        Assert.AreEqual(GraphOptimizationLevel.ORT_ENABLE_ALL, new BatchedHarScorerOptions().ResolvedGraphOptimization(new TinyHarOptions()));
        Assert.AreEqual(GraphOptimizationLevel.ORT_DISABLE_ALL, new BatchedHarScorerOptions { GraphOptimization = GraphOptimizationLevel.ORT_DISABLE_ALL }.ResolvedGraphOptimization(new TinierHarOptions()));
        var error = Assert.ThrowsExactly<ArgumentException>(() => scorer.Score(windows.AsMemory(1)));
        StringAssert.Contains(error.Message, "not a whole number of 128 x 9 windows");

        // A model with its normalisation folded in takes no second one.
        var normalization = new ChannelNormalization(new float[fixture.Channels], Enumerable.Repeat(2f, fixture.Channels).ToArray());
        var folded = HarOnnxModelWriter.Write(fixture.NetworkOptions(), fixture.Window, fixture.Channels, fixture.Classes, SafeTensorsFile.Read(fixture.WeightsPath),
            new HarOnnxExportOptions { Normalization = normalization, FoldNormalization = true });
        StringAssert.Contains(Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScorer(folded, normalization: normalization)).Message,
            "The model normalises its input already; pass no normalisation.");
    }

    /// <summary>The single-window latency (the experiments' latency column) is a positive, finite time, also for fewer than one repetition asked.</summary>
    [TestMethod]
    public void The_single_window_latency_is_a_positive_median_of_timed_calls()
    {
        var (onnx, _, _, _) = Model();
        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { IntraOpThreads = 1 });
        var once = scorer.MeasureSingleWindowMilliseconds(repetitions: 0);
        var median = scorer.MeasureSingleWindowMilliseconds(repetitions: 9);
        Assert.IsTrue(double.IsFinite(once) && once > 0 && double.IsFinite(median) && median > 0, $"{once} ms, {median} ms");
    }

    [TestMethod]
    public void The_transform_adds_Score_and_PredictedLabel_equal_to_the_per_row_chain_and_passes_columns_through()
    {
        var (onnx, windows, count, fixture) = Model();
        var (t, c, k) = (fixture.Window, fixture.Channels, fixture.Classes);
        var classes = Enumerable.Range(0, k).Select(i => $"c{i}").ToArray();
        var ml = new MLContext(1);
        var data = WindowRows.Load(ml, windows, t, c);
        var perRow = ScoringChain.Build(onnx, classes, "Features", data).Transform(data);

        // Batches of 3 windows, 2 side by side: the read-ahead ends mid-batch and the last call is short.
        var batched = ml.Transforms.ScoreHarWindowsBatched(onnx, new BatchedHarScoringOptions { BatchSize = 3, ConcurrentBatches = 2 }).Fit(data).Transform(data);

        var expected = perRow.GetColumn<float[]>("Score").ToArray();
        var actual = batched.GetColumn<float[]>("Score").ToArray();
        Assert.HasCount(count, actual);
        Assert.IsTrue(expected.Zip(actual).All(p => p.First.Zip(p.Second).All(v => Math.Abs(v.First - v.Second) <= 1e-6f)));
        CollectionAssert.AreEqual(perRow.GetColumn<uint>("PredictedLabel").ToArray(), batched.GetColumn<uint>("PredictedLabel").ToArray());
        CollectionAssert.AreEqual(windows, batched.GetColumn<float[]>("Features").SelectMany(w => w).ToArray(), "the windows pass through unchanged");
        CollectionAssert.AreEqual(RowIds(data), RowIds(batched), "each row keeps its id");

        VBuffer<ReadOnlyMemory<char>> slots = default, keys = default;
        batched.Schema["Score"].GetSlotNames(ref slots);
        batched.Schema["PredictedLabel"].GetKeyValues(ref keys);
        CollectionAssert.AreEqual(classes, slots.DenseValues().Select(v => v.ToString()).ToArray());
        CollectionAssert.AreEqual(classes, keys.DenseValues().Select(v => v.ToString()).ToArray());
        var named = ml.Transforms.Conversion.MapKeyToValue("Activity", "PredictedLabel").Fit(batched).Transform(batched);
        Assert.IsTrue(named.GetColumn<string>("Activity").All(classes.Contains));
    }

    private sealed class ShadowingRow
    {
        public VBuffer<float> Features { get; set; }
        public float Score { get; set; }
        public string Name { get; set; } = "";
    }

    /// <summary>
    /// The scored view: input columns named like an output (Score here) or hidden are not passed through, sparse windows
    /// score as their dense values, the row count passes through, a cursor set is one cursor in order, and an inactive
    /// column has no getter.
    /// </summary>
    [TestMethod]
    public void The_scored_view_replaces_shadowed_columns_reads_sparse_windows_and_keeps_row_order()
    {
        var (onnx, windows, count, fixture) = Model();
        var size = fixture.Window * fixture.Channels;
        // Every third value zero, so that a sparse window leaves slots out.
        var zeroed = windows.Select((v, i) => i % 3 == 0 ? 0f : v).ToArray();
        var ml = new MLContext(1);
        var schema = SchemaDefinition.Create(typeof(ShadowingRow));
        schema[nameof(ShadowingRow.Features)].ColumnType = new VectorDataViewType(NumberDataViewType.Single, size);
        var rows = Enumerable.Range(0, count).Select(r =>
        {
            var window = zeroed[(r * size)..((r + 1) * size)];
            var indices = Enumerable.Range(0, size).Where(i => window[i] != 0f).ToArray();
            return new ShadowingRow
            {
                Features = new VBuffer<float>(size, indices.Length, indices.Select(i => window[i]).ToArray(), indices),
                Score = -r,
                Name = $"w{r}",
            };
        }).ToArray();
        Assert.IsTrue(rows.All(r => !r.Features.IsDense));
        // Converting Name onto itself hides the first Name column.
        var loaded = ml.Data.LoadFromEnumerable(rows, schema);
        var input = ml.Transforms.Conversion.MapValueToKey("Name").Fit(loaded).Transform(loaded);
        Assert.IsTrue(input.Schema.Any(c => c.IsHidden));

        using var scorer = new BatchedHarScorer(onnx, new BatchedHarScorerOptions { BatchSize = 4, ConcurrentBatches = 2 });
        var scored = new BatchedScoresDataView(input, scorer, new BatchedHarScoringOptions());

        CollectionAssert.AreEqual(new[] { "Features", "Name", "Score", "PredictedLabel" }, scored.Schema.Select(c => c.Name).ToArray());
        Assert.IsTrue(scored.Schema["Name"].Type is KeyDataViewType, "the visible Name, not the hidden text one");
        Assert.IsInstanceOfType<VectorDataViewType>(scored.Schema["Score"].Type);
        Assert.AreEqual(count, scored.GetRowCount());
        Assert.IsFalse(scored.CanShuffle);
        CollectionAssert.AreEqual(scorer.Score(zeroed), scored.GetColumn<float[]>("Score").SelectMany(s => s).ToArray(), "sparse windows score as their dense values");

        var cursors = scored.GetRowCursorSet([scored.Schema["Name"]], 4);
        Assert.HasCount(1, cursors);
        using var cursor = cursors[0];
        Assert.IsTrue(cursor.IsColumnActive(scored.Schema["Name"]));
        Assert.IsFalse(cursor.IsColumnActive(scored.Schema["Score"]));
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => cursor.GetGetter<VBuffer<float>>(scored.Schema["Score"])).Message, "'Score' is not active");
        var name = cursor.GetGetter<uint>(scored.Schema["Name"]);
        var (positions, keys) = (new List<long>(), new List<uint>());
        uint key = 0;
        Assert.AreEqual(-1, cursor.Position);
        while (cursor.MoveNext())
        {
            name(ref key);
            positions.Add(cursor.Position);
            keys.Add(key);
            Assert.AreEqual(0, cursor.Batch);
        }
        CollectionAssert.AreEqual(Enumerable.Range(0, count).Select(i => (long)i).ToArray(), positions.ToArray());
        CollectionAssert.AreEqual(Enumerable.Range(1, count).Select(i => (uint)i).ToArray(), keys.ToArray(), "rows in input order");
    }

    /// <summary>A feature column of the wrong item type or size is refused by name, with the model's window shape.</summary>
    [TestMethod]
    public void The_scored_view_refuses_a_feature_column_of_another_type()
    {
        var (onnx, windows, _, fixture) = Model();
        var ml = new MLContext(1);
        var data = WindowRows.Load(ml, windows, fixture.Window, fixture.Channels);
        using var scorer = new BatchedHarScorer(onnx);
        var doubles = ml.Transforms.Conversion.ConvertType("Features", outputKind: DataKind.Double).Fit(data).Transform(data);
        var error = Assert.ThrowsExactly<ArgumentException>(() => new BatchedScoresDataView(doubles, scorer, new BatchedHarScoringOptions()));
        StringAssert.Contains(error.Message, "Column 'Features' is Vector<Double");
        StringAssert.Contains(error.Message, "float windows of 128 x 9 = 1152 values");
        var missing = Assert.ThrowsExactly<ArgumentException>(() => new BatchedScoresDataView(data, scorer, new BatchedHarScoringOptions { FeatureColumnName = "Windows" }));
        StringAssert.Contains(missing.Message, "The input has no column 'Windows' of windows; found: Features.");
    }

    private static DataViewRowId[] RowIds(IDataView view)
    {
        using var cursor = view.GetRowCursor(view.Schema);
        var getter = cursor.GetIdGetter();
        var ids = new List<DataViewRowId>();
        DataViewRowId id = default;
        while (cursor.MoveNext())
        {
            getter(ref id);
            ids.Add(id);
        }
        return ids.ToArray();
    }

    /// <summary>The options' normalisation is applied to every window before the network (as the bundle uses it), and a
    /// normalisation passed beside the options takes its place.</summary>
    [TestMethod]
    public void Batched_scoring_normalises_windows_with_the_options_statistics_or_those_given_instead()
    {
        var (onnx, windows, _, fixture) = Model();
        var c = fixture.Channels;
        var first = new ChannelNormalization([.. Enumerable.Range(0, c).Select(i => 0.1f * i)], [.. Enumerable.Range(0, c).Select(i => 1f + 0.5f * i)]);
        var second = new ChannelNormalization([.. Enumerable.Range(0, c).Select(i => -0.2f * i)], [.. Enumerable.Range(0, c).Select(i => 2f - 0.1f * i)]);
        float[] ScoredAfter(ChannelNormalization normalization)
        {
            var normalised = new float[windows.Length];
            normalization.Apply(windows, normalised);
            using var plain = new BatchedHarScorer(onnx);
            return plain.Score(normalised);
        }
        var ml = new MLContext(1);
        var data = WindowRows.Load(ml, windows, fixture.Window, c);
        var options = new BatchedHarScoringOptions { Normalization = first };

        using (var transformer = ml.Transforms.ScoreHarWindowsBatched(onnx, options).Fit(data))
            CollectionAssert.AreEqual(ScoredAfter(first), transformer.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
        using (var transformer = new BatchedHarScoringEstimator(onnx, options, second).Fit(data))
            CollectionAssert.AreEqual(ScoredAfter(second), transformer.Transform(data).GetColumn<float[]>("Score").SelectMany(s => s).ToArray());
    }

    /// <summary>The batched estimator and the per-row chain refuse a missing model or class list, and bad batching, by name.</summary>
    [TestMethod]
    public void The_estimator_and_the_chain_refuse_a_missing_model_or_bad_batching()
    {
        var (onnx, windows, _, fixture) = Model();
        var data = WindowRows.Load(new MLContext(1), windows, fixture.Window, fixture.Channels);
        Assert.AreEqual("onnxModel", Assert.ThrowsExactly<ArgumentNullException>(() => new BatchedHarScoringEstimator(null!, new BatchedHarScoringOptions())).ParamName);
        Assert.AreEqual("BatchSize", Assert.ThrowsExactly<ArgumentException>(() => new BatchedHarScoringEstimator(onnx, new BatchedHarScoringOptions { BatchSize = 0 })).ParamName);
        Assert.AreEqual("onnxModel", Assert.ThrowsExactly<ArgumentNullException>(() => ScoringChain.Build(null!, ["a"], "Features", data)).ParamName);
        Assert.AreEqual("classNames", Assert.ThrowsExactly<ArgumentNullException>(() => ScoringChain.Build(onnx, null!, "Features", data)).ParamName);
    }

    [TestMethod]
    public void The_transform_refuses_windows_of_another_shape_naming_the_column()
    {
        var (onnx, windows, _, fixture) = Model();
        var ml = new MLContext(1);
        var other = WindowRows.Load(ml, windows, fixture.Window / 2, fixture.Channels);
        var error = Assert.ThrowsExactly<ArgumentException>(() => ml.Transforms.ScoreHarWindowsBatched(onnx).Fit(other));
        StringAssert.Contains(error.Message, "Column 'Features'");
        StringAssert.Contains(error.Message, "1152 values");
        var data = WindowRows.Load(ml, windows, fixture.Window, fixture.Channels);
        using var transformer = ml.Transforms.ScoreHarWindowsBatched(onnx).Fit(data);
        StringAssert.Contains(Assert.ThrowsExactly<NotSupportedException>(() => ml.Model.Save(transformer, null, new MemoryStream())).Message, "save the trained model (HarModelBundle.Save)");
        Assert.IsFalse(transformer.IsRowToRowMapper);
        StringAssert.Contains(Assert.ThrowsExactly<InvalidOperationException>(() => transformer.GetRowToRowMapper(data.Schema)).Message, "Batched scoring reads ahead a batch of rows");
        var estimator = ml.Transforms.ScoreHarWindowsBatched(onnx, new BatchedHarScoringOptions { FeatureColumnName = "Windows" });
        var error2 = Assert.ThrowsExactly<ArgumentException>(() => estimator.GetOutputSchema(SchemaShapes.ShapeOf(data.Schema)));
        StringAssert.Contains(error2.Message, "The input needs a column 'Windows' of float windows.");
    }

    [TestMethod]
    public void The_estimator_composes_in_append_chains_and_describes_its_output_columns()
    {
        var (onnx, windows, count, fixture) = Model();
        var ml = new MLContext(1);
        var data = WindowRows.Load(ml, windows, fixture.Window, fixture.Channels);
        var chain = ml.Transforms.CopyColumns("Windows", "Features")
            .Append(ml.Transforms.ScoreHarWindowsBatched(onnx, new BatchedHarScoringOptions { FeatureColumnName = "Windows", ScoreColumnName = "Probabilities" }));

        var scored = chain.Fit(data).Transform(data);
        Assert.HasCount(count, scored.GetColumn<float[]>("Probabilities").ToArray());

        // SchemaShape has no public factory; ML.NET's own internal one gives the input shape, as the estimator uses it.
        var create = typeof(SchemaShape).GetMethod("Create", System.Reflection.BindingFlags.Static | System.Reflection.BindingFlags.NonPublic, [typeof(DataViewSchema)])!;
        var shape = chain.GetOutputSchema((SchemaShape)create.Invoke(null, [data.Schema])!);
        var probabilities = shape.Single(c => c.Name == "Probabilities");
        Assert.AreEqual(SchemaShape.Column.VectorKind.Vector, probabilities.Kind);
        Assert.AreEqual(NumberDataViewType.Single, probabilities.ItemType);
        Assert.IsTrue(shape.Single(c => c.Name == "PredictedLabel").IsKey);
        Assert.IsTrue(shape.Any(c => c.Name == "Features"), "input columns pass through");
    }
}
