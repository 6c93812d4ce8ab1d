using System.Globalization;
using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.Datasets;
using TinierHAR.Datasets.Benchmarks;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

/// <summary>The loaders on the real datasets in <c>../shared/data</c> (skipped where it is absent).</summary>
[TestClass]
public sealed class RealDatasetTests
{
    private static readonly MLContext Ml = new(1);

    [TestMethod]
    public void HAPT_has_all_thirty_subjects_twelve_classes_and_the_authors_window_count()
    {
        var root = SharedData.RequireDirectory("data/uci-har-hapt");
        var dataset = new HaptDataset();
        var samples = Ml.Data.LoadHarDataset(dataset, root);
        var windows = Ml.Data.Cache(Ml.Data.WindowSensorSamples(samples, dataset.WindowingOptions()));

        var labels = windows.GetColumn<uint>(DatasetSamplesDataView.LabelColumnName).Select(k => dataset.LabelNames[(int)k - 1]).ToArray();
        var subjects = windows.GetColumn<ReadOnlyMemory<char>>(DatasetSamplesDataView.SubjectColumnName).Select(s => s.ToString()).Distinct().ToArray();

        Assert.AreEqual(8153, labels.Length, "the authors' code makes 8,153 windows of HAPT (reference run)");
        CollectionAssert.AreEquivalent(dataset.ClassNames.ToArray(), labels.Distinct().ToArray(), "all 12 classes, the unlabelled windows dropped");
        CollectionAssert.AreEquivalent(Enumerable.Range(1, 30).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray(), subjects);
        var report = samples.LastReport!;
        Assert.AreEqual(0, report.MissingFiles.Count);
        Assert.AreEqual(123, report.Files, "61 acc + 61 gyro files and labels.txt");
        Assert.AreEqual(792, windows.GetColumn<ReadOnlyMemory<char>>(DatasetSamplesDataView.SubjectColumnName).Count(s => s.Span is "1" or "2" or "3"),
            "fold 1's test windows, as in the reference run");
    }

    [TestMethod]
    public void Daphnet_reads_the_seven_recordings_present_and_reports_the_ten_missing()
    {
        var root = SharedData.RequireDirectory("data/daphnet-fog-partial");
        var view = Ml.Data.LoadHarDataset(new DaphnetDataset(), root);
        var recordings = view.Recordings().ToArray();

        CollectionAssert.AreEqual(new[] { "1_2", "2_1", "2_2", "3_2", "3_3", "6_2", "7_2" }, recordings.Select(r => r.Session).ToArray());
        Assert.AreEqual(10, view.LastReport!.MissingFiles.Count);
        Assert.IsFalse(recordings.Where(r => r.Session is "3_3" or "6_2").SelectMany(r => r.Labels).Contains(2), "S03R03 and S06R02 have no freeze");
        Assert.IsTrue(recordings.SelectMany(r => r.Labels).Contains(2));
        Assert.AreEqual(0, view.LastReport.UnmappedLabels);
    }

    [TestMethod]
    public void WISDM_2019_watch_aligns_accelerometer_and_gyroscope_by_timestamp()
    {
        var root = SharedData.RequireDirectory("data/wisdm-2019-watch");
        var dataset = new Wisdm2019WatchDataset();
        var view = Ml.Data.LoadHarDataset(dataset, root);
        // Windowing fails on any NaN, so one pass over the windows also checks that every kept row has both sensors.
        var windows = Ml.Data.WindowSensorSamples(view, dataset.WindowingOptions());
        var (subjectSet, labelSet, withGyroscope, count) = (new SortedSet<string>(StringComparer.Ordinal), new HashSet<uint>(), 0, 0);
        using (var cursor = windows.GetRowCursor(windows.Schema))
        {
            var getSubject = cursor.GetGetter<ReadOnlyMemory<char>>(windows.Schema[DatasetSamplesDataView.SubjectColumnName]);
            var getLabel = cursor.GetGetter<uint>(windows.Schema[DatasetSamplesDataView.LabelColumnName]);
            var getFeatures = cursor.GetGetter<VBuffer<float>>(windows.Schema["Features"]);
            ReadOnlyMemory<char> subject = default;
            (uint label, VBuffer<float> features) = (0, default);
            while (cursor.MoveNext())
            {
                getSubject(ref subject);
                getLabel(ref label);
                getFeatures(ref features);
                subjectSet.Add(subject.ToString());
                labelSet.Add(label);
                withGyroscope += features.DenseValues().Where((_, i) => i % 6 == 3).Any(v => v != 0) ? 1 : 0;
                count++;
            }
        }
        var subjects = subjectSet.ToArray();
        var labels = labelSet.Count;
        var report = view.LastReport!;

        CollectionAssert.AreEqual(Enumerable.Range(1600, 29).Select(s => s.ToString(CultureInfo.InvariantCulture)).ToArray(), subjects);
        Assert.AreEqual(18, labels);
        Assert.AreEqual(58, report.Files);
        Assert.AreEqual(2 * (51 - 29), report.MissingFiles.Count, "accel and gyro of subjects 1629–1650");
        Assert.IsTrue(report.RowsDelivered > 29 * 18 * 2000, report.ToString());
        Assert.IsTrue(report.RowsRemovedByRule.ContainsKey("accelerometer rows outside the gyroscope's time span"), report.ToString());
        Assert.IsTrue(withGyroscope > count * 0.99, $"gyroscope values are carried: {withGyroscope} of {count} windows");
    }

    [TestMethod]
    public void HMP_reads_one_recording_per_trial_in_g()
    {
        var root = SharedData.RequireDirectory("data/hmp-adl-wrist");
        var dataset = new HmpDataset();
        var recordings = Ml.Data.LoadHarDataset(dataset, root).Recordings().ToArray();

        Assert.AreEqual(839, recordings.Length);
        Assert.AreEqual(14, recordings.Select(r => r.Labels[0]).Distinct().Count());
        Assert.AreEqual(16, recordings.Select(r => r.Subject).Distinct().Count());
        Assert.AreEqual(100, recordings.Count(r => dataset.LabelNames[r.Labels[0]] == "Walk"));
        Assert.IsTrue(recordings.SelectMany(r => r.Values).All(v => v is >= -1.5f and <= 1.5f));
        Assert.IsTrue(recordings.All(r => r.Labels.All(l => l == r.Labels[0])), "one label per trial");
    }

    [TestMethod]
    public void BasicMotions_has_forty_train_and_forty_test_cases_of_one_window_each()
    {
        var root = SharedData.RequireDirectory("data/basicmotions-uea");
        var dataset = UeaTsDataset.Open(root, samplingRateHz: 10);
        var view = Ml.Data.LoadHarDataset(dataset, root);
        var windows = Ml.Data.WindowSensorSamples(view, dataset.WindowingOptions());
        var labels = windows.GetColumn<uint>(DatasetSamplesDataView.LabelColumnName).ToArray();
        var subjects = windows.GetColumn<ReadOnlyMemory<char>>(DatasetSamplesDataView.SubjectColumnName).Select(s => s.ToString()).ToArray();

        Assert.AreEqual((100, 6), (dataset.WindowLength, dataset.ChannelNames.Count));
        CollectionAssert.AreEqual(new[] { "Standing", "Running", "Walking", "Badminton" }, dataset.LabelNames.ToArray());
        Assert.AreEqual(80, labels.Length);
        Assert.AreEqual(40, subjects.Count(s => s == "2"), "TEST cases");
        Assert.IsTrue(labels.GroupBy(l => l).All(g => g.Count() == 20));
    }
}
