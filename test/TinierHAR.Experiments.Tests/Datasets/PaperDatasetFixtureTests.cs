using System.Globalization;
using System.IO.Compression;
using System.Text;
using Microsoft.ML;
using TinierHAR.Datasets;
using TinierHAR.Datasets.Benchmarks;
using TinierHAR.Datasets.Formats.Mat;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

/// <summary>
/// Each of the 14 paper datasets read from a small fixture written here in its original layout and format, with one
/// assertion per quirk of the authors' loader (dataset-formats note).
/// </summary>
[TestClass]
public sealed class PaperDatasetFixtureTests
{
    private static string Num(double v) => v.ToString("R", CultureInfo.InvariantCulture);

    [TestMethod]
    public void Daphnet_reads_whitespace_files_and_headered_CSV_copies_and_reports_the_missing_recordings()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("dataset/S01R02.txt", "15 40 29 -960 1 2 3 4 5 6 0\n31  70 49 -950 1 2 3 4 5 6 1\n47 71 50 -940 1 2 3 4 5 6 2\n");
        fixture.Write("dataset/S03R03.txt.gz", "time,A0,A1,A2,U0,U1,U2,T1,T2,T3,N\n15,1,2,3,4,5,6,7,8,9,1\n");

        var (rows, report) = SampleRow.Load(new DaphnetDataset(), fixture.Root);

        Assert.AreEqual(4, rows.Count);
        CollectionAssert.AreEqual(new float[] { 70, 49, -950, 1, 2, 3, 4, 5, 6 }, rows[1].Channels, "time dropped, 9 accelerometer channels");
        CollectionAssert.AreEqual(new[] { "not in experiment", "no freeze", "freeze", "no freeze" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(("1", "1_2"), (rows[0].Subject, rows[0].Session));
        Assert.AreEqual(("3", "3_3"), (rows[3].Subject, rows[3].Session), "the header line of a converted copy is skipped");
        Assert.AreEqual(15, report.MissingFiles.Count, "17 recordings expected, 2 present");
        CollectionAssert.Contains(report.MissingFiles.ToArray(), Path.Combine("dataset", "S10R01.txt"));
        CollectionAssert.AreEqual(new[] { "not in experiment" }, new DaphnetDataset().DroppedLabels.ToArray());
        Assert.AreEqual(256, new DaphnetDataset().WindowLength);
    }

    [TestMethod]
    public void USC_HAD_reads_sensor_readings_from_compressed_and_plain_MAT_files_with_the_activity_from_the_name()
    {
        using var fixture = new FixtureFolder();
        Directory.CreateDirectory(Path.Combine(fixture.Root, "Subject1"));
        Directory.CreateDirectory(Path.Combine(fixture.Root, "Subject14"));
        var first = new double[3, 6];
        for (var r = 0; r < 3; r++) for (var c = 0; c < 6; c++) first[r, c] = r + c / 10.0;
        MatFileWriter.Write(Path.Combine(fixture.Root, "Subject1", "a1t1.mat"),
            [MatArray.FromText("title", "USC Human Motion Database"), MatArray.FromText("activity", "Walking Forward"), MatArray.FromRows("sensor_readings", first)], compress: true);
        MatFileWriter.Write(Path.Combine(fixture.Root, "Subject14", "a12t5.mat"), [MatArray.FromRows("sensor_readings", new double[,] { { 1, 2, 3, 4, 5, 6 } })], compress: false, compactIntegers: true);

        var (rows, report) = SampleRow.Load(new UscHadDataset(), fixture.Root);

        Assert.AreEqual(4, rows.Count);
        CollectionAssert.AreEqual(new float[] { 2, 2.1f, 2.2f, 2.3f, 2.4f, 2.5f }, rows[2].Channels);
        Assert.AreEqual(("1_1_1", "Walking Forward"), (rows[0].Session, rows[0].Label));
        Assert.AreEqual(("14", "14_12_5", "Elevator Down"), (rows[3].Subject, rows[3].Session, rows[3].Label));
        Assert.AreEqual(14 * 12 * 5 - 2, report.MissingFiles.Count);
        Assert.AreEqual(400, new UscHadDataset().WindowLength);
    }

    [TestMethod]
    public void PAMAP2_fills_gaps_per_file_and_keeps_every_third_row_of_the_joined_files()
    {
        using var fixture = new FixtureFolder();
        string Line(double time, int activity, double hand) =>
            string.Join(' ', Enumerable.Range(0, 54).Select(c => c switch { 0 => Num(time), 1 => Num(activity), 4 => double.IsNaN(hand) ? "NaN" : Num(hand), _ => Num(c) })) + "\n";
        // subject101: 5 rows, hand acc x missing at rows 0 and 2; subject102: 4 rows.
        fixture.Write("Protocol/subject101.dat", Line(0, 0, double.NaN) + Line(0.01, 1, 10) + Line(0.02, 1, double.NaN) + Line(0.03, 24, 30) + Line(0.04, 9, 40));
        fixture.Write("Protocol/subject102.dat", Line(0, 2, 1) + Line(0.01, 3, 2) + Line(0.02, 4, 3) + Line(0.03, 5, 4));

        var (rows, report) = SampleRow.Load(new Pamap2Dataset(), fixture.Root);

        // Joined rows 0..8: kept 0, 3 (subject101 rows 0, 3) and 6 (subject102 row 1): the phase carries over files.
        Assert.AreEqual(3, rows.Count);
        Assert.AreEqual(10f, rows[0].Channels[0], "a leading gap takes the nearest valid value");
        Assert.AreEqual(30f, rows[1].Channels[0]);
        Assert.AreEqual(("2", 2f, "standing"), (rows[2].Subject, rows[2].Channels[0], rows[2].Label));
        CollectionAssert.AreEqual(new[] { "other", "rope jumping", "standing" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(6L, report.RowsRemovedByRule["decimation to every 3rd row"]);
        Assert.AreEqual(5f, rows[0].Channels[1], "hand acc y is column 5");
        Assert.AreEqual(44f, rows[0].Channels[15], "ankle gyro x is column 44");
        Assert.AreEqual(132, new Pamap2Dataset().WindowLength, "W = int(4 s x the configured 33 Hz)");
    }

    [TestMethod]
    public void PAMAP2_rows_of_unmapped_activities_have_a_missing_label()
    {
        using var fixture = new FixtureFolder();
        var line = string.Join(' ', Enumerable.Range(0, 54).Select(c => c == 1 ? "9" : "1")) + "\n";
        fixture.Write("subject101.dat", line);
        var (rows, report) = SampleRow.Load(new Pamap2Dataset(), fixture.Root);
        Assert.IsNull(rows.Single().Label);
        Assert.AreEqual(1L, report.UnmappedLabels);
    }

    [TestMethod]
    public void RealWorld_bins_each_location_to_20_ms_joins_them_and_trims_non_overlapping_edges()
    {
        using var fixture = new FixtureFolder();
        const long t0 = 1_435_000_000_000; // a multiple of 20 ms: bins start on the midnight-anchored grid
        string Csv(string location)
        {
            var text = new StringBuilder("id,attr_time,attr_x,attr_y,attr_z\n");
            var l = Array.IndexOf(RealWorldDataset.Locations.ToArray(), location);
            var samples = location switch
            {
                "chest" => new[] { (t0 - 20, 0.0), (t0, 1), (t0 + 20, 2), (t0 + 40, 3) },
                "forearm" => [(t0 + 1, 1), (t0 + 11, 3), (t0 + 20, 5), (t0 + 45, 6)],
                "head" => [(t0, 10), (t0 + 40, 30)],
                _ => [(t0, l), (t0 + 20, l), (t0 + 40, l)],
            };
            var id = 0;
            foreach (var (time, x) in samples)
                text.Append(CultureInfo.InvariantCulture, $"{id++},{time},{Num(x)},{Num(l)},{Num(-x)}\n");
            return text.ToString();
        }
        WriteZip(Path.Combine(fixture.Root, "proband1", "data", "acc_walking_csv.zip"), RealWorldDataset.Locations.Select(l => ($"acc_walking_{l}.csv", Encoding.UTF8.GetBytes(Csv(l)))));
        // proband2: zip of zips; only the nested zip with the largest name is read.
        var good = ZipBytes(RealWorldDataset.Locations.Select(l => ($"acc_lying_{l}.csv", Encoding.UTF8.GetBytes(Csv(l)))));
        var ignored = ZipBytes([("acc_lying_chest.csv", Encoding.UTF8.GetBytes(Csv("chest")))]);
        WriteZip(Path.Combine(fixture.Root, "proband2", "data", "acc_lying_csv.zip"), [("acc_lying_csv_1.zip", ignored), ("acc_lying_csv_2.zip", good)]);
        // proband3 lacks the waist: the recording is removed.
        WriteZip(Path.Combine(fixture.Root, "proband3", "data", "acc_running_csv.zip"), RealWorldDataset.Locations.SkipLast(1).Select(l => ($"acc_running_{l}.csv", Encoding.UTF8.GetBytes(Csv(l)))));

        var (rows, report) = SampleRow.Load(new RealWorldDataset(), fixture.Root);

        var walking = rows.Where(r => r.Session == "1_7").ToArray();
        Assert.AreEqual(3, walking.Length, "bins t0, t0+20, t0+40: chest's extra leading bin is trimmed");
        Assert.AreEqual(1f, walking[0].Channels[0], "chest x of bin t0");
        Assert.AreEqual(2f, walking[0].Channels[3], "forearm: the mean of the two samples in bin t0");
        Assert.AreEqual(20f, walking[1].Channels[6], "head: the empty bin t0+20 interpolated");
        Assert.AreEqual(6f, walking[2].Channels[3], "forearm sample at t0+45 falls in bin t0+40");
        Assert.AreEqual("walking", walking[0].Label);
        Assert.AreEqual(3, rows.Count(r => r.Session == "2_3" && r.Label == "lying"), "the nested zip with the largest name was read");
        Assert.IsFalse(rows.Any(r => r.Subject == "3"));
        Assert.IsTrue(report.RowsRemovedByRule.Keys.Any(k => k.StartsWith("recordings without a body location", StringComparison.Ordinal)));
        Assert.AreEqual(2L, report.RowsRemovedByRule["bins where not every body location overlaps"]);
    }

    [TestMethod]
    public void Skoda_takes_the_first_variable_calibrated_channels_and_every_third_row()
    {
        using var fixture = new FixtureFolder();
        int[] labels = [32, 48, 48, 57, 49, 50, 51];
        var data = new double[labels.Length, 71];
        for (var r = 0; r < labels.Length; r++)
        {
            data[r, 0] = labels[r];
            for (var s = 0; s < 10; s++)
            {
                data[r, 1 + 7 * s] = s;
                for (var a = 0; a < 3; a++)
                    (data[r, 2 + 7 * s + a], data[r, 5 + 7 * s + a]) = (1000 * r + 10 * s + a, -1);
            }
        }
        MatFileWriter.Write(Path.Combine(fixture.Root, "right_classall_clean.mat"), [MatArray.FromRows("right_classall_clean_renamed", data)]);

        var (rows, report) = SampleRow.Load(new SkodaDataset(), fixture.Root);

        Assert.AreEqual(3, rows.Count);
        CollectionAssert.AreEqual(new[] { "null", "check steering wheel", "check gaps on the front door" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(3000 + 90 + 2, rows[1].Channels[29], "row 3, sensor 10, calibrated z");
        Assert.IsFalse(rows.SelectMany(r => r.Channels).Contains(-1), "raw values are not used");
        Assert.AreEqual(4L, report.RowsRemovedByRule["decimation to every 3rd row"]);
        Assert.AreEqual(FoldScheme.ShuffledSlices, new SkodaDataset().FoldScheme);
        Assert.AreEqual(5, new SkodaDataset().Folds.Count);
    }

    [TestMethod]
    public void DSADS_reads_column_42_twice_gives_one_window_per_file_and_keys_sessions_by_segment()
    {
        using var fixture = new FixtureFolder();
        string File(int offset) => FixtureFolder.Lines(Enumerable.Range(0, 125).Select(r => Enumerable.Range(0, 45).Select(c => (double)(offset + 100 * r + c))), ",");
        fixture.Write("a01/p1/s07.txt", File(0));
        fixture.Write("a19/p8/s60.txt", File(100_000));

        var view = new MLContext(1).Data.LoadHarDataset(new DsadsDataset(), fixture.Root);
        var rows = SampleRow.ReadAll(view);

        Assert.AreEqual(250, rows.Count);
        Assert.AreEqual(("1", "1_07_01", "sitting"), (rows[0].Subject, rows[0].Session, rows[0].Label));
        Assert.AreEqual(("8", "8_60_19", "basketball"), (rows[^1].Subject, rows[^1].Session, rows[^1].Label));
        Assert.AreEqual(42f, rows[0].Channels[43], "LL_mag_y holds column 42 (the authors' list repeats it)");
        Assert.AreEqual(44f, rows[0].Channels[44]);
        var windows = new MLContext(1).Data.WindowSensorSamples(view, new DsadsDataset().WindowingOptions());
        var counts = windows.CountAll();
        Assert.AreEqual(2, counts.WindowsProduced, "W 100, step 50 over 125 rows: one window per file");
        Assert.AreEqual(50, counts.RowsNotCovered, "rows 100–124 of each file are never windowed");
    }

    [TestMethod]
    public void HAPT_joins_acc_and_gyro_and_labels_inclusive_zero_based_spans()
    {
        using var fixture = new FixtureFolder();
        var acc = FixtureFolder.Lines(Enumerable.Range(0, 8).Select(r => new double[] { r, r + 0.5, -r }), " ");
        var gyro = FixtureFolder.Lines(Enumerable.Range(0, 8).Select(r => new double[] { 10 + r, 20 + r, 30 + r }), " ");
        fixture.Write("RawData/acc_exp01_user01.txt.gz", acc);
        fixture.Write("RawData/gyro_exp01_user01.txt", gyro);
        fixture.Write("RawData/acc_exp02_user02.txt", acc);
        fixture.Write("RawData/gyro_exp02_user02.txt", gyro);
        fixture.Write("RawData/labels.txt", "1 1 5 2 4\n1 1 8 6 6\n2 2 1 0 7\n");

        var (rows, report) = SampleRow.Load(new HaptDataset(), fixture.Root);

        Assert.AreEqual(16, rows.Count);
        CollectionAssert.AreEqual(new float[] { 3, 3.5f, -3, 13, 23, 33 }, rows[3].Channels, "acc x, y, z then gyro x, y, z");
        CollectionAssert.AreEqual(new[] { "unlabelled", "unlabelled", "STANDING", "STANDING", "STANDING", "unlabelled", "SIT_TO_STAND", "unlabelled" },
            rows.Take(8).Select(r => r.Label).ToArray(), "rows start..end inclusive, 0-based; others unlabelled");
        Assert.AreEqual(("1", "1_1"), (rows[0].Subject, rows[0].Session));
        Assert.AreEqual(("2", "2_2", "WALKING"), (rows[8].Subject, rows[8].Session, rows[8].Label));
        Assert.AreEqual(5, report.Files);
    }

    [TestMethod]
    public void Opportunity_reads_its_channel_blocks_and_label_column_and_keeps_the_null_class()
    {
        using var fixture = new FixtureFolder();
        string Line(int label, bool gap) => string.Join(' ', Enumerable.Range(0, 250).Select(c => c == 249 ? Num(label) : gap && c == 37 ? "NaN" : Num(c))) + "\n";
        fixture.Write("S1-ADL1.dat", Line(0, false) + Line(406516, true) + Line(404505, false) + Line(999, false));
        fixture.Write("S2-Drill.dat", Line(405506, false));

        var (rows, report) = SampleRow.Load(new OpportunityDataset(), fixture.Root);

        Assert.AreEqual(5, rows.Count);
        Assert.AreEqual(77, rows[0].Channels.Length);
        Assert.AreEqual((37f, 133f), (rows[0].Channels[0], rows[0].Channels[76]), "BACK acc x is column 37, R-SHOE compass column 133");
        Assert.AreEqual(37f, rows[1].Channels[0], "a NaN is filled by interpolation");
        CollectionAssert.AreEqual(new[] { "Other", "Open Door 1", "Close Dishwasher", null, "Toggle Switch" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(0, new OpportunityDataset().DroppedLabels.Count, "null 'Other' is a class");
        Assert.AreEqual(("11", "26"), (rows[0].Session, rows[4].Session), "session = 10 x subject + run, Drill = run 6");
        Assert.AreEqual(22, report.MissingFiles.Count);
    }

    [TestMethod]
    public void WISDM_strips_the_trailing_semicolon_removes_rows_with_missing_values_and_numbers_user_runs()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("WISDM_ar_v1.1_raw_repaired.txt",
            "33,Jogging,49105962326000,-0.69,12.68,0.50;\n33,Jogging,49106062271000,5.01,11.26,;\n33,Walking,49106112167000,4.90,10.88,-0.08;\n"
            + "17,Sitting,1,1,2,3;\n33,Upstairs,2,4,5,6\n");

        var (rows, report) = SampleRow.Load(new WisdmDataset(), fixture.Root);

        Assert.AreEqual(4, rows.Count);
        Assert.AreEqual(0.50f, rows[0].Channels[2], "the trailing ';' is stripped");
        CollectionAssert.AreEqual(new[] { "33_1", "33_1", "17_2", "33_3" }, rows.Select(r => r.Session).ToArray());
        CollectionAssert.AreEqual(new[] { "Jogging", "Walking", "Sitting", "Upstairs" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(1L, report.RowsRemovedByRule["rows with a missing value"]);
    }

    [TestMethod]
    public void RecGym_keeps_wrist_rows_and_the_null_class_and_removes_rows_with_missing_values()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("RecGym.csv", "Subject,Position,Session,A_x,A_y,A_z,G_x,G_y,G_z,C_1,Workout\n"
            + "1,wrist,1,1,2,3,4,5,6,7,Null\n1,pocket,1,9,9,9,9,9,9,9,Null\n1,wrist,1,1,2,3,4,5,6,,Squat\n1,wrist,1,2,2,3,4,5,6,8,Squat\n"
            + "10,wrist,1,3,2,3,4,5,6,9,RopeSkipping\n1,leg,2,9,9,9,9,9,9,9,Walking\n1,wrist,2,4,2,3,4,5,6,9,Walking\n");

        var (rows, report) = SampleRow.Load(new RecGymDataset(), fixture.Root);

        CollectionAssert.AreEqual(new[] { "Null", "Squat", "RopeSkipping", "Walking" }, rows.Select(r => r.Label).ToArray());
        CollectionAssert.AreEqual(new[] { "1_1", "1_1", "10_2", "1_3" }, rows.Select(r => r.Session).ToArray());
        Assert.AreEqual(8f, rows[1].Channels[6], "C_1 is the 7th channel");
        Assert.AreEqual(2L, report.RowsRemovedByRule["rows of other positions than the wrist"]);
        Assert.AreEqual(1L, report.RowsRemovedByRule["rows with a missing value"]);
        CollectionAssert.AreEqual(Enumerable.Range(1, 10).ToArray(), new RecGymDataset().Subjects.ToArray(), "subject 10 is always in training");
    }

    [TestMethod]
    public void UCI_HAR_turns_each_signal_row_into_its_own_segment_ordered_by_subject_row_text()
    {
        using var fixture = new FixtureFolder();
        string[] signals = ["body_acc_x", "body_acc_y", "body_acc_z", "body_gyro_x", "body_gyro_y", "body_gyro_z", "total_acc_x", "total_acc_y", "total_acc_z"];
        foreach (var (part, subjects, labels) in new[] { ("train", new[] { 1, 3 }, new[] { 1, 6 }), ("test", [2], [4]) })
        {
            fixture.Write($"{part}/subject_{part}.txt", string.Concat(subjects.Select(s => $"{s}\n")));
            fixture.Write($"{part}/y_{part}.txt", string.Concat(labels.Select(s => $"{s}\n")));
            for (var c = 0; c < signals.Length; c++)
            {
                var channel = c;
                fixture.Write($"{part}/Inertial Signals/{signals[c]}_{part}.txt", string.Concat(subjects.Select((s, row) =>
                    "  " + string.Join("  ", Enumerable.Range(0, 128).Select(t => (1000 * s + 10 * channel + t / 1000.0).ToString("e7", CultureInfo.InvariantCulture))) + "\n")));
            }
        }

        var view = new MLContext(1).Data.LoadHarDataset(new UciHarDataset(), fixture.Root);
        var rows = SampleRow.ReadAll(view);

        CollectionAssert.AreEqual(new[] { "1_0", "2_0", "3_1" }, rows.Select(r => r.Session).Distinct().ToArray(), "train and test merged, ordered by sub_id text");
        Assert.AreEqual(("3", "LAYING"), (rows[^1].Subject, rows[^1].Label));
        Assert.AreEqual(2000 + 80 + 0.127f, rows[255].Channels[8], 1e-3f, "subject 2, total_acc_z, t = 127");
        var counts = new MLContext(1).Data.WindowSensorSamples(view, new UciHarDataset().WindowingOptions()).CountAll();
        Assert.AreEqual(3, counts.WindowsProduced, "W = 128: exactly the dataset's own windows");
    }

    [TestMethod]
    public void MHEALTH_reads_tab_separated_logs_with_ECG_and_drops_the_null_label_per_window()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("mHealth_subject1.log", "1\t2\t3\t0.5\t0.6\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\t21\t22\t23\t0\n"
            + "1\t2\t3\t0.5\tNaN\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\t21\t22\t23\t1\n"
            + "1\t2\t3\t0.5\t0.8\t6\t7\t8\t9\t10\t11\t12\t13\t14\t15\t16\t17\t18\t19\t20\t21\t22\t23\t12\n");
        fixture.Write("mHealth_subject10.log", string.Join('\t', Enumerable.Range(0, 24).Select(c => c == 23 ? "4" : "1")) + "\n");

        var (rows, report) = SampleRow.Load(new MhealthDataset(), fixture.Root);

        Assert.AreEqual(4, rows.Count);
        Assert.AreEqual(23, rows[0].Channels.Length);
        Assert.AreEqual(0.5f, rows[0].Channels[3], "ECG lead 1 is a channel");
        Assert.AreEqual(0.7f, rows[1].Channels[4], 1e-6f, "the NaN is interpolated");
        CollectionAssert.AreEqual(new[] { "null", "Standing still", "Jump front and back", "Walking" }, rows.Select(r => r.Label).ToArray());
        Assert.AreEqual(("10", "10"), (rows[3].Subject, rows[3].Session));
        Assert.AreEqual(8, report.MissingFiles.Count);
        CollectionAssert.AreEqual(new[] { "null" }, new MhealthDataset().DroppedLabels.ToArray());
    }

    [TestMethod]
    public void MotionSense_drops_the_unnamed_index_column_and_labels_by_trial_folder()
    {
        using var fixture = new FixtureFolder();
        var header = ",attitude.roll,attitude.pitch,attitude.yaw,gravity.x,gravity.y,gravity.z,rotationRate.x,rotationRate.y,rotationRate.z,userAcceleration.x,userAcceleration.y,userAcceleration.z\n";
        fixture.Write("A_DeviceMotion_data/dws_1/sub_1.csv", header + "0," + string.Join(',', Enumerable.Range(1, 12)) + "\n1," + string.Join(',', Enumerable.Range(101, 12)) + "\n");
        fixture.Write("A_DeviceMotion_data/jog_16/sub_24.csv", header + "0," + string.Join(',', Enumerable.Range(1, 12)) + "\n");

        var (rows, report) = SampleRow.Load(new MotionSenseDataset(), fixture.Root);

        Assert.AreEqual(3, rows.Count);
        CollectionAssert.AreEqual(Enumerable.Range(101, 12).Select(v => (float)v).ToArray(), rows[1].Channels, "the index column is dropped");
        Assert.AreEqual(("1_dws_1", "downstairs"), (rows[0].Session, rows[0].Label));
        Assert.AreEqual(("24", "24_jog_16", "jogging"), (rows[2].Subject, rows[2].Session, rows[2].Label));
        Assert.AreEqual(15 * 24 - 2, report.MissingFiles.Count);
    }

    [TestMethod]
    public void Shoaib_skips_two_header_lines_reads_five_positions_and_maps_the_upstairs_typo()
    {
        using var fixture = new FixtureFolder();
        string Line(string label, bool gap) => string.Join(',', Enumerable.Range(0, 70).Select(c => c == 69 ? label : c % 14 == 13 ? "" : gap && c == 1 ? "" : Num(c))) + "\n";
        fixture.Write("Participant_1.csv", "Left_pocket,,,,,,,,,,,,,,Right_pocket\nTime_Stamp,Ax,Ay,Az,Lx,Ly,Lz,Gx,Gy,Gz,Mx,My,Mz,\n"
            + Line("walking", false) + Line("upsatirs", true) + Line("upstairs", false) + Line("biking", false));

        var (rows, _) = SampleRow.Load(new ShoaibDataset(), fixture.Root);

        Assert.AreEqual(4, rows.Count);
        Assert.AreEqual(60, rows[0].Channels.Length);
        Assert.AreEqual((1f, 15f, 68f), (rows[0].Channels[0], rows[0].Channels[12], rows[0].Channels[59]), "columns 1–12, 15–26, … 57–68");
        Assert.AreEqual(1f, rows[1].Channels[0], "an empty value is filled");
        CollectionAssert.AreEqual(new[] { "walking", "upstairs", "upstairs", "biking" }, rows.Select(r => r.Label).ToArray());
    }

    [TestMethod]
    public void UEA_ts_cases_are_one_window_each_and_test_cases_form_the_fold()
    {
        using var fixture = new FixtureFolder();
        const string header = "# comment\n@problemName Tiny\n@timeStamps false\n@univariate false\n@dimensions 2\n@equalLength true\n@seriesLength 3\n@classLabel true up down\n@data\n";
        fixture.Write("Tiny_TRAIN.ts", header + "1,2,3:4,5,6:up\n7,8,9:1,?,3:down\n");
        fixture.Write("Tiny_TEST.ts", header + "0,0,0:1,1,1:down\n");

        var dataset = UeaTsDataset.Open(fixture.Root);
        var view = new MLContext(1).Data.LoadHarDataset(dataset, fixture.Root);
        var rows = SampleRow.ReadAll(view);

        Assert.AreEqual((3, 2), (dataset.WindowLength, dataset.ChannelNames.Count));
        Assert.AreEqual(9, rows.Count);
        CollectionAssert.AreEqual(new float[] { 2, 5 }, rows[1].Channels, "time-major: t = 1 of both dimensions");
        Assert.IsTrue(float.IsNaN(rows[4].Channels[1]), "'?' is a missing value");
        Assert.AreEqual(("2", "TEST_0", "down"), (rows[8].Subject, rows[8].Session, rows[8].Label));
        CollectionAssert.AreEqual(new[] { 2 }, dataset.TestSubjects(1).ToArray());
    }

    [TestMethod]
    public void WISDM_2019_watch_interpolates_the_gyroscope_at_accelerometer_times_and_reads_the_last_six_fields()
    {
        using var fixture = new FixtureFolder();
        // The accelerometer copy has an extra leading index column (as the shared copy of subject 1600 does).
        fixture.Write("accel/data_1600_accel_watch.txt.gz", "0.0,1600,A,100,1,2,3;\n1.0,1600,A,150,4,5,6;\n2.0,1600,A,250,7,8,9;\n3.0,1600,B,400,1,1,1;\n");
        fixture.Write("gyro/data_1600_gyro_watch.txt.gz", "1600,A,100,0,10,20;\n1600,A,200,10,20,40;\n1600,B,300,1,1,1;\n1600,B,500,3,3,3;\n");

        var (rows, report) = SampleRow.Load(new Wisdm2019WatchDataset(), fixture.Root);

        Assert.AreEqual(3, rows.Count);
        CollectionAssert.AreEqual(new float[] { 4, 5, 6, 5, 15, 30 }, rows[1].Channels, "the gyroscope halfway between its samples at t = 150");
        Assert.AreEqual(("1600", "1600_A_0", "walking"), (rows[0].Subject, rows[0].Session, rows[0].Label));
        CollectionAssert.AreEqual(new float[] { 1, 1, 1, 2, 2, 2 }, rows[2].Channels);
        Assert.AreEqual("jogging", rows[2].Label);
        Assert.AreEqual(1L, report.RowsRemovedByRule["accelerometer rows outside the gyroscope's time span"], "t = 250 is past the gyroscope's A run");
    }

    [TestMethod]
    public void HMP_converts_coded_values_to_g_and_numbers_volunteers()
    {
        using var fixture = new FixtureFolder();
        fixture.Write("Walk/Accelerometer-2011-03-24-09-51-07-walk-f1.txt", "0 63 21\n63 0 42\n");
        fixture.Write("Pour_water/Accelerometer-2011-06-02-10-42-22-pour_water-m11.txt", "21 21 21\n");

        var (rows, _) = SampleRow.Load(new HmpDataset(), fixture.Root);

        Assert.AreEqual(3, rows.Count);
        CollectionAssert.AreEqual(new[] { -1.5f, 1.5f, -0.5f }, rows.Single(r => r.Label == "Walk" && r.Channels[0] < 0).Channels);
        Assert.AreEqual(("16", "Pour_water"), (rows[0].Subject, rows[0].Label), "m11 is subject 16; folders are read in label order");
        Assert.AreEqual("1", rows[^1].Subject);
    }

    private static byte[] ZipBytes(IEnumerable<(string Name, byte[] Content)> entries)
    {
        using var memory = new MemoryStream();
        using (var zip = new ZipArchive(memory, ZipArchiveMode.Create, leaveOpen: true))
        {
            foreach (var (name, content) in entries)
            {
                using var stream = zip.CreateEntry(name).Open();
                stream.Write(content);
            }
        }
        return memory.ToArray();
    }

    private static void WriteZip(string path, IEnumerable<(string Name, byte[] Content)> entries)
    {
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        File.WriteAllBytes(path, ZipBytes(entries));
    }
}
