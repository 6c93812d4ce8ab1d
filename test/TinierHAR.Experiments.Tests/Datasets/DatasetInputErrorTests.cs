using Microsoft.ML;
using TinierHAR.MLNet.Data;
using TinierHAR.Datasets;
using TinierHAR.Datasets.Benchmarks;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

[TestClass]
public sealed class DatasetInputErrorTests
{
    private static readonly MLContext Ml = new(1);

    [TestMethod]
    public void A_folder_that_is_not_the_dataset_is_refused_at_load_naming_an_expected_file()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("notes.txt", "hello");
        var hapt = Assert.ThrowsExactly<FileNotFoundException>(() => Ml.Data.LoadHarDataset(new HaptDataset(), fixture.Root));
        StringAssert.Contains(hapt.Message, "not a HAPT folder: the expected file 'labels.txt'");
        var mhealth = Assert.ThrowsExactly<FileNotFoundException>(() => Ml.Data.LoadHarDataset(new MhealthDataset(), fixture.Root));
        StringAssert.Contains(mhealth.Message, "mHealth_subject1.log");
        Assert.ThrowsExactly<DirectoryNotFoundException>(() => Ml.Data.LoadHarDataset(new MhealthDataset(), Path.Combine(fixture.Root, "absent")));
    }

    [TestMethod]
    public void A_missing_partner_file_or_column_is_named()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("RawData/acc_exp01_user01.txt", "1 2 3\n");
        fixture.Write("RawData/labels.txt", "1 1 1 0 0\n");
        var gyro = Assert.ThrowsExactly<FileNotFoundException>(() => SampleRow.Load(new HaptDataset(), fixture.Root));
        StringAssert.Contains(gyro.Message, "gyro_exp01_user01.txt");

        fixture.Write("RecGym.csv", "Subject,Position,Session,A_x,A_y,A_z,G_x,G_y,G_z,Workout\n1,wrist,1,1,2,3,4,5,6,Null\n");
        var column = Assert.ThrowsExactly<InvalidDataException>(() => SampleRow.Load(new RecGymDataset(), fixture.Root));
        StringAssert.Contains(column.Message, "the column 'C_1' is missing");
    }

    [TestMethod]
    public void A_malformed_line_is_an_error_with_file_line_and_column()
    {
        using var fixture = new FixtureFolder();
        var acc = fixture.Write("RawData/acc_exp01_user01.txt", "1 2 3\n1  2 3\n");
        fixture.Write("RawData/gyro_exp01_user01.txt", "1 2 3\n1 2 3\n");
        fixture.Write("RawData/labels.txt", "1 1 1 0 1\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => SampleRow.Load(new HaptDataset(), fixture.Root));
        Assert.AreEqual($"{acc}:2: column 2: the field is empty.", error.Message, "HAPT is split on single spaces, as the authors read it");

        fixture.Write("mHealth_subject1.log", string.Join('\t', Enumerable.Range(0, 24).Select(c => c == 5 ? "x7" : "1")) + "\n");
        var mhealth = Assert.ThrowsExactly<InvalidDataException>(() => SampleRow.Load(new MhealthDataset(), fixture.Root));
        StringAssert.EndsWith(mhealth.Message, "mHealth_subject1.log:1: column 6: 'x7' is not a number.");
    }

    [TestMethod]
    public void The_skip_policy_skips_malformed_lines_and_every_row_is_accounted_for()
    {
        using var fixture = new FixtureFolder();
        string Line(string value) => string.Join('\t', Enumerable.Range(0, 24).Select(c => c == 5 ? value : c == 23 ? "1" : "1")) + "\n";
        fixture.Write("mHealth_subject1.log", Line("1") + Line("oops") + "1\t2\n" + Line("2"));

        var (rows, report) = SampleRow.Load(new MhealthDataset(), fixture.Root, new DatasetLoadOptions { MalformedRows = MalformedRowPolicy.Skip });

        Assert.AreEqual(2, rows.Count);
        Assert.AreEqual(2L, report.RowsSkipped["malformed line"]);
        Assert.AreEqual(4, report.RowsDelivered + report.RowsSkipped.Values.Sum() + report.RowsRemovedByRule.Values.Sum(), "lines in = delivered + skipped + removed");
        StringAssert.Contains(report.FirstSkipped, ":2: column 6: 'oops' is not a number");
        StringAssert.Contains(report.ToString(), "2 malformed line");
    }

    [TestMethod]
    public void Subject_filtering_counts_the_other_subjects_rows()
    {
        using var fixture = new FixtureFolder();
        var line = string.Join('\t', Enumerable.Range(0, 24).Select(c => c == 23 ? "1" : "0")) + "\n";
        fixture.Write("mHealth_subject1.log", line + line);
        fixture.Write("mHealth_subject2.log", line);
        var (rows, report) = SampleRow.Load(new MhealthDataset(), fixture.Root, new DatasetLoadOptions { Subjects = [2] });
        Assert.AreEqual("2", rows.Single().Subject);
        Assert.AreEqual(2L, report.RowsRemovedByRule["other subjects"]);
    }

    [TestMethod]
    public void Unknown_dataset_keys_list_the_known_ones()
    {
        var error = Assert.ThrowsExactly<ArgumentException>(() => HarDatasets.Get("nope"));
        StringAssert.Contains(error.Message, "hapt");
        Assert.AreEqual(14, HarDatasets.Paper.Count);
        Assert.AreEqual(HarDatasets.All.Count, HarDatasets.All.Select(d => d.Key).Distinct().Count());
        Assert.IsInstanceOfType<Pamap2Dataset>(HarDatasets.Get("PAMAP2"));
    }
}
