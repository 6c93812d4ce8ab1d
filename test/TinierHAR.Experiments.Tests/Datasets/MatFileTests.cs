using System.Globalization;
using TinierHAR.Datasets.Formats.Mat;
using TinierHAR.TestSupport;

namespace TinierHAR.Experiments.Tests.Datasets;

[TestClass]
public sealed class MatFileTests
{
    private static readonly double[,] Matrix = { { 1.5, -2, 3 }, { 4, 5.25, -6 } };

    [TestMethod]
    [DataRow(false, false)]
    [DataRow(true, false)]
    [DataRow(true, true)]
    public void Written_variables_read_back_with_names_shapes_and_values(bool compress, bool compactIntegers)
    {
        using var fixture = new FixtureFolder();
        var path = Path.Combine(fixture.Root, "a.mat");
        var counts = new double[,] { { 0, 7 }, { 255, 3 } };
        MatFileWriter.Write(path, [MatArray.FromText("title", "USC-HAD"), MatArray.FromRows("sensor_readings", Matrix), MatArray.FromRows("n", counts)], compress, compactIntegers);

        var variables = MatFile.Read(path);

        CollectionAssert.AreEqual(new[] { "title", "sensor_readings", "n" }, variables.Select(v => v.Name).ToArray());
        Assert.AreEqual("USC-HAD", variables[0].Text);
        var readings = variables[1];
        Assert.AreEqual((2, 3), (readings.Rows, readings.Columns));
        Assert.AreEqual(-6, readings[1, 2]);
        Assert.AreEqual(5.25, readings[1, 1]);
        Assert.AreEqual(255, variables[2][1, 0]);
        Assert.AreEqual(MatClass.Double, variables[2].Class, "a double matrix stored as uint8 keeps its class");
    }

    [TestMethod]
    public void Compression_shrinks_the_file_and_compact_storage_shrinks_it_further()
    {
        using var fixture = new FixtureFolder();
        var rows = new double[200, 6];
        for (var r = 0; r < 200; r++)
            for (var c = 0; c < 6; c++)
                rows[r, c] = (r + c) % 4;
        long Size(bool compress, bool compact)
        {
            var path = Path.Combine(fixture.Root, $"{compress}{compact}.mat");
            MatFileWriter.Write(path, [MatArray.FromRows("x", rows)], compress, compact);
            Assert.AreEqual(3, MatFile.Read(path)[0][199, 4]);
            return new FileInfo(path).Length;
        }
        var (plain, compressed, compact) = (Size(false, false), Size(true, false), Size(false, true));
        Assert.IsTrue(compressed < plain / 4, $"compressed {compressed} vs plain {plain}");
        Assert.IsTrue(compact < plain / 4, $"uint8 storage {compact} vs double {plain}");
    }

    [TestMethod]
    public void Truncated_and_foreign_files_are_refused_with_the_reason()
    {
        using var fixture = new FixtureFolder();
        var path = Path.Combine(fixture.Root, "a.mat");
        MatFileWriter.Write(path, [MatArray.FromRows("x", Matrix)], compress: false);
        var bytes = File.ReadAllBytes(path);
        File.WriteAllBytes(path, bytes[..^20]);
        var truncated = Assert.ThrowsExactly<InvalidDataException>(() => MatFile.Read(path));
        StringAssert.Contains(truncated.Message, "truncated");

        var foreign = fixture.Write("b.mat", "not a MAT-file at all, but long enough to have a header of one hundred and twenty-eight bytes ........................................");
        var error = Assert.ThrowsExactly<InvalidDataException>(() => MatFile.Read(foreign));
        StringAssert.Contains(error.Message, "not a MATLAB level-5 MAT-file");
        var missing = Assert.ThrowsExactly<InvalidDataException>(() => MatFile.Get(MatFile.Read(Write(fixture)), "sensor_readings", "f.mat"));
        StringAssert.Contains(missing.Message, "no variable 'sensor_readings'; the file holds x");
    }

    /// <summary>
    /// Files written by SciPy (<c>Mat/make_fixtures.py</c>), not by our writer, so that a mistake shared by our reader and
    /// writer (a transposition, a class mapping) cannot pass: the values are the ones the script states.
    /// </summary>
    [TestMethod]
    [DataRow("scipy-written.mat")]
    [DataRow("scipy-written-compressed.mat")]
    public void A_file_written_by_SciPy_reads_with_the_values_it_was_given(string name)
    {
        var variables = MatFile.Read(Path.Combine(FixturesFolder, name)).ToDictionary(v => v.Name);

        CollectionAssert.AreEquivalent(new[] { "title", "sensor_readings", "counts", "offsets", "column" }, variables.Keys.ToArray());
        Assert.AreEqual("written by scipy", variables["title"].Text);
        var readings = variables["sensor_readings"];
        Assert.AreEqual((MatClass.Double, 3, 4), (readings.Class, readings.Rows, readings.Columns));
        for (var r = 0; r < 3; r++)
            for (var c = 0; c < 4; c++)
                Assert.AreEqual(r * 10 + c + 0.25, readings[r, c], $"sensor_readings[{r}, {c}]");
        var counts = variables["counts"];
        Assert.AreEqual((MatClass.UInt8, 2, 3), (counts.Class, counts.Rows, counts.Columns));
        CollectionAssert.AreEqual(new double[] { 0, 7, 255, 3, 128, 1 }, new[] { counts[0, 0], counts[0, 1], counts[0, 2], counts[1, 0], counts[1, 1], counts[1, 2] });
        var offsets = variables["offsets"];
        Assert.AreEqual((MatClass.Int16, 1, 4), (offsets.Class, offsets.Rows, offsets.Columns));
        CollectionAssert.AreEqual(new double[] { -32768, -1, 0, 32767 }, Enumerable.Range(0, 4).Select(c => offsets[0, c]).ToArray());
        var column = variables["column"];
        Assert.AreEqual((5, 1), (column.Rows, column.Columns));
        CollectionAssert.AreEqual(new[] { 0, 0.125, 0.25, 0.375, 0.5 }, Enumerable.Range(0, 5).Select(r => column[r, 0]).ToArray());
    }

    /// <summary>Real USC-HAD files read as SciPy reads them (<c>Mat/usc-had-scipy.csv</c>, written by
    /// <c>make_fixtures.py</c>): rows, and each column's extremes, first and last value exactly, its sum to rounding.</summary>
    [TestMethod]
    public void Real_USC_HAD_files_read_as_SciPy_reads_them()
    {
        var root = SharedData.RequireDirectory("data/usc-had");
        var expected = File.ReadLines(Path.Combine(FixturesFolder, "usc-had-scipy.csv")).Skip(1).Select(l => l.Split(',')).ToArray();
        Assert.IsGreaterThan(20, expected.Length);
        foreach (var row in expected)
        {
            var readings = MatFile.Get(MatFile.Read(Path.Combine(root, row[0])), "sensor_readings", row[0]);
            var (rows, column) = (int.Parse(row[1], CultureInfo.InvariantCulture), int.Parse(row[2], CultureInfo.InvariantCulture));
            double Value(int i) => double.Parse(row[i], CultureInfo.InvariantCulture);
            Assert.AreEqual((rows, 6), (readings.Rows, readings.Columns), row[0]);
            var values = Enumerable.Range(0, rows).Select(r => readings[r, column]).ToArray();
            var name = $"{row[0]} column {column}";
            Assert.AreEqual(Value(4), values.Min(), $"{name}: min");
            Assert.AreEqual(Value(5), values.Max(), $"{name}: max");
            Assert.AreEqual((Value(6), Value(7)), (values[0], values[^1]), $"{name}: first and last");
            Assert.AreEqual(Value(3), values.Sum(), 1e-9 * Math.Max(1, Math.Abs(Value(3))), $"{name}: sum");
        }
    }

    /// <summary>
    /// Every file of USC-HAD as its Readme documents it: 14 subjects × 12 activities × 5 trials, <c>sensor_readings</c> of
    /// six columns (acceleration in g, then rotation in dps); read in g, a subject standing still measures gravity.
    /// </summary>
    [TestMethod]
    public void Every_USC_HAD_file_has_the_documented_layout_and_units()
    {
        var root = SharedData.RequireDirectory("data/usc-had");
        var files = Directory.GetFiles(root, "*.mat", SearchOption.AllDirectories);
        Assert.HasCount(14 * 12 * 5, files);
        var standing = new List<double>();
        foreach (var file in files)
        {
            var readings = MatFile.Get(MatFile.Read(file), "sensor_readings", file);
            Assert.AreEqual(6, readings.Columns, file);
            Assert.IsGreaterThan(0, readings.Rows, file);
            if (Path.GetFileName(file).StartsWith("a9t", StringComparison.Ordinal)) // activity 9, Standing
            {
                var magnitudes = Enumerable.Range(0, readings.Rows)
                    .Select(r => Math.Sqrt(readings[r, 0] * readings[r, 0] + readings[r, 1] * readings[r, 1] + readings[r, 2] * readings[r, 2])).Order().ToArray();
                standing.Add(magnitudes[magnitudes.Length / 2]);
            }
        }
        Assert.HasCount(14 * 5, standing);
        Assert.IsTrue(standing.All(g => Math.Abs(g - 1) < 0.05), $"median |acc| of each standing trial near 1 g: {standing.Min():0.000}–{standing.Max():0.000}");
    }

    private static string FixturesFolder => Path.Combine(SharedData.RepositoryRoot, "test", "TinierHAR.Experiments.Tests", "Datasets", "Mat");

    private static string Write(FixtureFolder fixture)
    {
        var path = Path.Combine(fixture.Root, "c.mat");
        MatFileWriter.Write(path, [MatArray.FromRows("x", Matrix)]);
        return path;
    }
}
