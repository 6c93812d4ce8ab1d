using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Data;
using TinierHAR.MLNet.Windowing;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Data;

[TestClass]
public sealed class CsvSampleLoaderTests
{
    private FixtureFolder fixture = null!;

    public TestContext TestContext { get; set; } = null!;

    [TestInitialize]
    public void CreateFolder() => fixture = new FixtureFolder();

    [TestCleanup]
    public void RemoveFolder() => fixture.Dispose();

    private static readonly MLContext Ml = new(seed: 1);

    private static CsvSampleOptions Options() => new()
    {
        ChannelColumnNames = ["ax", "ay"],
        TimestampColumnName = "t",
        LabelColumnName = "activity",
        SubjectColumnName = "user",
    };

    private static CsvSampleOptions Changed(Action<CsvSampleOptions> change)
    {
        var options = Options();
        change(options);
        return options;
    }

    private sealed class Row
    {
        public string Source { get; set; } = "";
        public string Subject { get; set; } = "";
        public string Session { get; set; } = "";
        public double t { get; set; }
        public string activity { get; set; } = "";
        public float ax { get; set; }
        public float ay { get; set; }
    }

    [TestMethod]
    public void A_folder_of_plain_and_gzip_files_is_read_in_name_order()
    {
        fixture.Write("a.csv", "t,ax,ay,activity,user\n0.00,1.5,-1,walk,u1\n0.02,2.5,-2,walk,u1\n");
        fixture.Write("b.csv.gz", "user;activity;ay;ax;t\nu2;sit;-3;3.5;0.00\n");
        fixture.Write("notes.txt", "ignored");

        var view = Ml.Data.LoadSensorCsv(fixture.Root, Options());
        var rows = Ml.Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToList();

        Assert.HasCount(3, rows);
        CollectionAssert.AreEqual(new[] { "a.csv", "a.csv", "b.csv.gz" }, rows.Select(r => r.Session).ToArray(), "the session defaults to the file");
        CollectionAssert.AreEqual(new[] { 1.5f, 2.5f, 3.5f }, rows.Select(r => r.ax).ToArray());
        CollectionAssert.AreEqual(new[] { -1f, -2f, -3f }, rows.Select(r => r.ay).ToArray(), "columns by name, whatever their order or separator");
        CollectionAssert.AreEqual(new[] { "u1", "u1", "u2" }, rows.Select(r => r.Subject).ToArray());
        Assert.AreEqual("sit", rows[2].activity);
        Assert.AreEqual(new CsvReadReport { Files = 2, RowsRead = 3 }.ToString(), view.LastReport!.ToString());
    }

    [TestMethod]
    public void Csv_samples_feed_the_windowing()
    {
        var lines = Enumerable.Range(0, 10).Select(i => $"{i * 0.02:F2},{i},{-i},walk,u1");
        fixture.Write("log.csv", "t,ax,ay,activity,user\n" + string.Join("\n", lines) + "\n");
        var windows = Ml.Data.WindowSensorSamples(Ml.Data.LoadSensorCsv(fixture.Root, Options()), new SensorWindowingOptions
        {
            ChannelColumnNames = ["ax", "ay"],
            WindowLength = 4,
            Step = 2,
            LabelColumnName = "activity",
            GroupColumnNames = ["Session"],
            TimestampColumnName = "t",
            SamplingRateHz = 50,
        });
        Assert.AreEqual(4L, windows.CountAll().WindowsProduced);
    }

    [TestMethod]
    public void Bad_files_get_errors_with_file_line_and_column()
    {
        var bad = fixture.Write("bad.csv", "t,ax,ay,activity,user\n0.00,1,2,walk,u1\n0.02,oops,2,walk,u1\n");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(bad, Options()).Preview());
        StringAssert.Contains(error.Message, $"'{bad}' line 3: column 'ax': 'oops' is not a number");

        var noColumn = fixture.Write("nocolumn.csv", "t,ax,activity,user\n0,1,walk,u1\n");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(noColumn, Options()).Preview()).Message, "no channel column 'ay'");

        var empty = fixture.Write("empty.csv", "");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(empty, Options()).Preview()).Message, "is empty");

        var headerOnly = fixture.Write("header-only.csv", "t,ax,ay,activity,user\n");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(headerOnly, Options()).Preview()).Message,
            $"'{headerOnly}' has a header and no data rows");

        var none = Path.Combine(fixture.Root, "none");
        Directory.CreateDirectory(none);
        StringAssert.Contains(Assert.ThrowsExactly<FileNotFoundException>(() => Ml.Data.LoadSensorCsv(none, Options())).Message, "holds no .csv");
    }

    /// <summary>A corrupt file's 10 MB header or field is quoted in a short line; a row with fields past the header's is
    /// refused (it was read, its extra fields ignored), and a trailing separator is not such a field.</summary>
    [TestMethod]
    public void Errors_quote_at_most_a_short_line_of_the_input_and_long_rows_are_refused()
    {
        var huge = new string('h', 10_000_000);
        var hugeHeader = fixture.Write("huge-header.csv", $"t,ax,{huge},activity,user\n0,1,2,walk,u1\n");
        var header = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(hugeHeader, Options()).Preview()).Message;
        StringAssert.Contains(header, "no channel column 'ay' (header: 't', 'ax', 'hhh");
        StringAssert.Contains(header, "(10,000,000 characters)");
        Assert.IsLessThanOrEqualTo(200 + hugeHeader.Length + 60, header.Length, header);

        var hugeValue = fixture.Write("huge-value.csv", $"t,ax,ay,activity,user\n0,{huge},2,walk,u1\n");
        var value = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(hugeValue, Options()).Preview()).Message;
        StringAssert.Contains(value, "line 2: column 'ax': 'hhh");
        Assert.IsLessThanOrEqualTo(200 + hugeValue.Length, value.Length, value);

        var wide = fixture.Write("wide.csv", "t,ax,ay,activity,user\n0,1,2,walk,u1" + string.Concat(Enumerable.Repeat(",9", 100_000)) + "\n");
        StringAssert.Contains(Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(wide, Options()).Preview()).Message,
            $"'{wide}' line 2: the row has 100,005 fields, the header 5");

        var trailing = fixture.Write("trailing.csv", "t,ax,ay,activity,user\n0,1,2,walk,u1,\n0.02,3,4,walk,u1,\n");
        Assert.AreEqual(2, Ml.Data.CreateEnumerable<Row>(Ml.Data.LoadSensorCsv(trailing, Options()), reuseRowObject: false).Count());
    }

    /// <summary>A path is a file, a folder (its .csv and .csv.gz files, whatever the case of the extension) or a
    /// pattern; the files come in ordinal order, and a path that names none says which of the three it was taken for.</summary>
    [TestMethod]
    public void A_path_names_a_file_a_folder_or_a_pattern_and_the_files_come_sorted()
    {
        const string log = "t,ax,ay,activity,user\n0,1,2,walk,u1\n";
        var b = fixture.Write(Path.Combine("logs", "b.csv"), log);
        var a = fixture.Write(Path.Combine("logs", "a.CSV.gz"), "");
        var c = fixture.Write(Path.Combine("logs", "c.csv"), log);
        fixture.Write(Path.Combine("logs", "notes.txt"), "not a log");
        fixture.Write(Path.Combine("logs", "deeper", "d.csv"), log);
        var folder = Path.GetDirectoryName(b)!;

        CollectionAssert.AreEqual(new[] { a, b, c }, Ml.Data.LoadSensorCsv(folder, Options()).Files.ToArray(), "the folder's logs, not its subfolders'");
        CollectionAssert.AreEqual(new[] { b }, Ml.Data.LoadSensorCsv(b, Options()).Files.ToArray());
        CollectionAssert.AreEqual(new[] { b, c }, Ml.Data.LoadSensorCsv(Path.Combine(folder, "?.csv"), Options()).Files.ToArray(), "'?' is one character");
        CollectionAssert.AreEqual(new[] { b, c }, Ml.Data.LoadSensorCsv(Path.Combine(folder, "*.csv"), Options()).Files.ToArray(), "the case of a pattern's extension counts");
        Assert.IsEmpty(Ml.Data.LoadSensorCsv(Path.Combine(folder, "*.csv"), Options()).Files.Where(f => f.EndsWith("notes.txt", StringComparison.Ordinal)).ToArray());
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(Path.Combine(folder, "**", "?.csv"), Options())).Message,
            $"The pattern '{Path.Combine(folder, "**", "?.csv")}' combines '?' with '**'");
        CollectionAssert.AreEqual(new[] { Path.Combine(folder, "deeper", "d.csv") }, Ml.Data.LoadSensorCsv(Path.Combine(folder, "*", "*.csv"), Options()).Files.ToArray());
        CollectionAssert.AreEqual(new[] { "t", "ax", "ay", "activity", "user" }, Ml.Data.LoadSensorCsv(Path.Combine(folder, "c*"), Options()).FirstFileColumnNames().ToArray());

        var pattern = Path.Combine(folder, "??.csv");
        Assert.AreEqual($"The pattern '{pattern}' matches no file.", Assert.ThrowsExactly<FileNotFoundException>(() => Ml.Data.LoadSensorCsv(pattern, Options())).Message);
        var missing = Path.Combine(folder, "missing.csv");
        Assert.AreEqual($"'{missing}' is neither a CSV file, a folder nor a pattern.", Assert.ThrowsExactly<FileNotFoundException>(() => Ml.Data.LoadSensorCsv(missing, Options())).Message);
    }

    /// <summary>The loader's own rules, before any file is read, and the schema it gives: where each file, subject and
    /// session come from, the timestamp in seconds (annotated so), the label as text, one float per channel.</summary>
    [TestMethod]
    public void The_loaders_options_are_checked_and_its_schema_follows_them()
    {
        var log = fixture.Write("log.csv", "t,ax,ay,activity,user\n0,1,2,walk,u1\n");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(log, Changed(o => o.ChannelColumnNames = []))).Message,
            "Invalid option 'ChannelColumnNames': name at least one channel column.");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(log, Changed(o => o.SubjectFileNamePattern = "(u\\d+)"))).Message,
            "Invalid option 'SubjectFileNamePattern': give a subject column or a file-name pattern, not both.");
        StringAssert.StartsWith(Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(log, Changed(o => (o.SubjectColumnName, o.SubjectFileNamePattern) = (null, "(u")))).Message,
            "Invalid SubjectFileNamePattern '(u': ");

        var schema = Ml.Data.LoadSensorCsv(log, Options()).Schema;
        CollectionAssert.AreEqual(new[] { "Source", "Subject", "Session", "t", "activity", "ax", "ay" }, schema.Select(c => c.Name).ToArray());
        CollectionAssert.AreEqual(new[] { "String", "String", "String", "Double", "String", "Single", "Single" }, schema.Select(c => c.Type.RawType.Name.Replace("ReadOnlyMemory`1", "String")).ToArray());
        Assert.IsTrue(SecondsAnnotation.IsOn(schema["t"]), "the timestamp is annotated as seconds");
        Assert.IsFalse(SecondsAnnotation.IsOn(schema["ax"]));
        var bare = Ml.Data.LoadSensorCsv(log, new CsvSampleOptions { ChannelColumnNames = ["ax"] }).Schema;
        CollectionAssert.AreEqual(new[] { "Source", "Subject", "Session", "ax" }, bare.Select(c => c.Name).ToArray(), "no timestamp and no label column unless named");
    }

    /// <summary>Found by the fuzzer: an empty column name (a header such as ';a;b' has one) reached ML.NET's schema
    /// builder and failed there with "Value cannot be null (Parameter 'name')".</summary>
    [TestMethod]
    public void Empty_or_doubled_column_names_are_refused_naming_the_rule()
    {
        var log = fixture.Write("log.csv", ";a;b\n0;1;2\n");
        var empty = Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(log, new CsvSampleOptions { ChannelColumnNames = ["a"], TimestampColumnName = "" }));
        StringAssert.Contains(empty.Message, "a column name must not be empty");
        var twice = Assert.ThrowsExactly<ArgumentException>(() => Ml.Data.LoadSensorCsv(log, new CsvSampleOptions { ChannelColumnNames = ["a", "b"], TimestampColumnName = "a" }));
        StringAssert.Contains(twice.Message, "column 'a' is named for two roles");
    }

    /// <summary>Without a subject column, the subject is the pattern's first group in the file name, or its whole match;
    /// a file the pattern misses is refused by name. The session is the file unless a column names it.</summary>
    [TestMethod]
    public void The_subject_comes_from_the_file_name_and_the_session_from_the_file_or_its_column()
    {
        fixture.Write("p07-walk.csv", "t,ax,ay,activity,visit\n0.00,1,2,walk,v1\n0.02,1,2,walk,v2\n");
        fixture.Write("p12-walk.csv", "t,ax,ay,activity,visit\n0.00,3,4,sit,v1\n");
        CsvSampleOptions FromName(string pattern, string? session = null) => Changed(o => (o.SubjectColumnName, o.SubjectFileNamePattern, o.SessionColumnName) = (null, pattern, session));

        var grouped = Ml.Data.CreateEnumerable<Row>(Ml.Data.LoadSensorCsv(fixture.Root, FromName(@"p(\d+)")), reuseRowObject: false).ToList();
        CollectionAssert.AreEqual(new[] { "07", "07", "12" }, grouped.Select(r => r.Subject).ToArray(), "the first group");
        CollectionAssert.AreEqual(new[] { "p07-walk.csv", "p07-walk.csv", "p12-walk.csv" }, grouped.Select(r => r.Session).ToArray(), "the session defaults to the file");

        var whole = Ml.Data.CreateEnumerable<Row>(Ml.Data.LoadSensorCsv(fixture.Root, FromName(@"p\d+", session: "visit")), reuseRowObject: false).ToList();
        CollectionAssert.AreEqual(new[] { "p07", "p07", "p12" }, whole.Select(r => r.Subject).ToArray(), "the whole match, where the pattern has no group");
        CollectionAssert.AreEqual(new[] { "v1", "v2", "v1" }, whole.Select(r => r.Session).ToArray(), "the session column");

        var missed = Path.Combine(fixture.Root, "p07-walk.csv");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(fixture.Root, FromName(@"q(\d+)")).Preview());
        Assert.AreEqual($"'{missed}': the file name does not match the subject pattern 'q(\\d+)'.", error.Message);
    }

    /// <summary>A timestamp in the last column that a short row lacks is refused with its file and line, or counted
    /// as a short row; the timestamps' unit comes from the rows that have them.</summary>
    [TestMethod]
    public void A_row_without_its_trailing_timestamp_is_refused_or_skipped_as_short()
    {
        var path = fixture.Write("t-last.csv", "ax,ay,activity,user,t\n1,2,walk,u1,0\n3,4,walk,u1\n5,6,walk,u1,40\n");
        var options = Changed(o => o.TimestampUnit = TimestampUnit.Auto);
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.LoadSensorCsv(path, options).Preview());
        Assert.AreEqual($"'{path}' line 3: column 't' is missing.", error.Message);

        options.MalformedRows = MalformedRowPolicy.Skip;
        var view = Ml.Data.LoadSensorCsv(path, options);
        var rows = Ml.Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToList();
        CollectionAssert.AreEqual(new[] { 0, 0.04 }, rows.Select(r => r.t).ToArray(), "milliseconds, decided from the rows with a timestamp");
        Assert.AreEqual((2L, 1L), (view.LastReport!.RowsRead, view.LastReport.RowsSkipped["short rows"]));
    }

    /// <summary>A value that a later stage refuses is placed by file and line, also in the second of two files and after
    /// skipped lines (the windowing reads a few rows behind the reader).</summary>
    [TestMethod]
    public void Errors_of_the_windowing_name_the_file_and_line_of_the_row()
    {
        fixture.Write("a.csv", "t,ax,ay,activity,user\n" + string.Join("\n", Enumerable.Range(0, 6).Select(i => $"{i * 0.02:F2},1,2,walk,u1")) + "\n");
        var second = fixture.Write("b.csv", "t,ax,ay,activity,user\n0.00,1,2,walk,u2\n0.02,x,2,walk,u2\n0.04,1,2,walk,u2\n0.06,,2,walk,u2\n0.08,1,2,walk,u2\n");
        var samples = Ml.Data.LoadSensorCsv(fixture.Root, Changed(o => o.MalformedRows = MalformedRowPolicy.Skip));
        var windowing = new SensorWindowingOptions
        {
            ChannelColumnNames = ["ax", "ay"],
            WindowLength = 2,
            Step = 2,
            GroupColumnNames = ["Session"],
            TimestampColumnName = "t",
            SamplingRateHz = 50,
        };
        var error = Assert.ThrowsExactly<InvalidDataException>(() => Ml.Data.WindowSensorSamples(samples, windowing).GetColumn<float[]>("Features").ToArray());
        StringAssert.StartsWith(error.Message, $"'{second}' line 5, column 'ax'");
    }

    /// <summary>The reader closes each file when it is done with it and when it is disposed: nothing holds a log open.</summary>
    [TestMethod]
    public void No_file_stays_open_after_reading_or_after_the_cursor_is_disposed()
    {
        var first = fixture.Write("a.csv", "t,ax,ay,activity,user\n0.00,1,2,walk,u1\n");
        var second = fixture.Write("b.csv", "t,ax,ay,activity,user\n0.00,1,2,walk,u1\n0.02,1,2,walk,u1\n");
        var view = Ml.Data.LoadSensorCsv(fixture.Root, Options());
        using (var cursor = view.GetRowCursor(view.Schema))
        {
            Assert.IsTrue(cursor.MoveNext() && cursor.MoveNext(), "into the second file");
            AssertClosed(first);
        }
        AssertClosed(second);

        static void AssertClosed(string path)
        {
            // .NET locks a file opened without sharing against the process's own readers too (flock on Unix).
            using var exclusive = new FileStream(path, FileMode.Open, FileAccess.ReadWrite, FileShare.None);
        }
    }

    [TestMethod]
    public void The_skip_policy_counts_what_it_skips()
    {
        var path = fixture.Write("mixed.csv", "t,ax,ay,activity,user\n0.00,1,2,walk,u1\n0.02,x,2,walk,u1\n0.04,3\n0.06,4,5,walk,u1\n");
        var options = Options();
        options.MalformedRows = MalformedRowPolicy.Skip;
        var view = Ml.Data.LoadSensorCsv(path, options);
        var rows = Ml.Data.CreateEnumerable<Row>(view, reuseRowObject: false).ToList();

        CollectionAssert.AreEqual(new[] { 1f, 4f }, rows.Select(r => r.ax).ToArray());
        var report = view.LastReport!;
        Assert.AreEqual(2, report.RowsRead);
        Assert.AreEqual(1, report.RowsSkipped["non-numeric values"]);
        Assert.AreEqual(1, report.RowsSkipped["short rows"]);
        Assert.AreEqual(4, report.RowsRead + report.RowsSkipped.Values.Sum(), "rows in = rows read + rows skipped");
    }
}
