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

    private static string Write(FixtureFolder fixture)
    {
        var path = Path.Combine(fixture.Root, "c.mat");
        MatFileWriter.Write(path, [MatArray.FromRows("x", Matrix)]);
        return path;
    }
}
