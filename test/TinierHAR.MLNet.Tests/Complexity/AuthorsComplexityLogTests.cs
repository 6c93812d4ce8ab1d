using TinierHAR.MLNet.Architectures;
using TinierHAR.MLNet.Complexity;
using TinierHAR.TestSupport;

namespace TinierHAR.MLNet.Tests.Complexity;

[TestClass]
public sealed class AuthorsComplexityLogTests
{
    /// <summary>The authors' parameter/MAC log (reference note), 14 datasets x 3 models, window T, channels C, classes K.</summary>
    [TestMethod]
    [DataRow("tinierhar", "Daphnet", 256, 9, 2, 9457, 1274498L)]
    [DataRow("tinierhar", "USC-HAD", 400, 6, 12, 7483, 1394096L)]
    [DataRow("tinierhar", "PAMAP2", 132, 18, 12, 16699, 1249149L)]
    [DataRow("tinierhar", "RealWorld", 200, 21, 8, 18871, 2191114L)]
    [DataRow("tinierhar", "Skoda", 132, 30, 10, 25849, 2037915L)]
    [DataRow("tinierhar", "DSADS", 100, 45, 19, 37666, 2291252L)]
    [DataRow("tinierhar", "HAPT", 200, 6, 12, 7483, 697246L)]
    [DataRow("tinierhar", "Opportunity", 120, 77, 18, 62209, 4661664L)]
    [DataRow("tinierhar", "WISDM", 80, 3, 6, 4981, 159418L)]
    [DataRow("tinierhar", "RecGym", 80, 7, 12, 8251, 318976L)]
    [DataRow("tinierhar", "UCI-HAR", 128, 9, 6, 9589, 637414L)]
    [DataRow("tinierhar", "MHEALTH", 200, 23, 12, 20539, 2390446L)]
    [DataRow("tinierhar", "MotionSense", 200, 12, 6, 11893, 1294648L)]
    [DataRow("tinierhar", "Shoaib", 200, 60, 7, 48790, 6075481L)]
    [DataRow("tinyhar", "Daphnet", 256, 9, 2, 29664, 8286718L)]
    [DataRow("tinyhar", "USC-HAD", 400, 6, 12, 27674, 9255810L)]
    [DataRow("tinyhar", "PAMAP2", 132, 18, 12, 37274, 7762227L)]
    [DataRow("tinyhar", "RealWorld", 200, 21, 8, 39510, 14372416L)]
    [DataRow("tinyhar", "Skoda", 132, 30, 10, 46792, 13059377L)]
    [DataRow("tinyhar", "DSADS", 100, 45, 19, 59161, 14554853L)]
    [DataRow("tinyhar", "HAPT", 200, 6, 12, 27674, 4425960L)]
    [DataRow("tinyhar", "Opportunity", 120, 77, 18, 84720, 33029378L)]
    [DataRow("tinyhar", "WISDM", 80, 3, 6, 25028, 866106L)]
    [DataRow("tinyhar", "RecGym", 80, 7, 12, 28474, 1750912L)]
    [DataRow("tinyhar", "UCI-HAR", 128, 9, 6, 29828, 3859938L)]
    [DataRow("tinyhar", "MHEALTH", 200, 23, 12, 41274, 15760132L)]
    [DataRow("tinyhar", "MotionSense", 200, 12, 6, 32228, 8306946L)]
    [DataRow("tinyhar", "Shoaib", 200, 60, 7, 70669, 44032811L)]
    [DataRow("deepconvlstm", "Daphnet", 256, 9, 2, 423746, 78387586L)]
    [DataRow("deepconvlstm", "USC-HAD", 400, 6, 12, 326732, 85859596L)]
    [DataRow("deepconvlstm", "PAMAP2", 132, 18, 12, 719948, 73636236L)]
    [DataRow("deepconvlstm", "RealWorld", 200, 21, 8, 817736, 136085000L)]
    [DataRow("deepconvlstm", "Skoda", 132, 30, 10, 1112906, 121504650L)]
    [DataRow("deepconvlstm", "DSADS", 100, 45, 19, 1605587, 131055571L)]
    [DataRow("deepconvlstm", "HAPT", 200, 6, 12, 326732, 41014796L)]
    [DataRow("deepconvlstm", "Opportunity", 120, 77, 18, 2654034, 276869138L)]
    [DataRow("deepconvlstm", "WISDM", 80, 3, 6, 227654, 7528838L)]
    [DataRow("deepconvlstm", "RecGym", 80, 7, 12, 359500, 16300684L)]
    [DataRow("deepconvlstm", "UCI-HAR", 128, 9, 6, 424262, 36422534L)]
    [DataRow("deepconvlstm", "MHEALTH", 200, 23, 12, 883788, 148761612L)]
    [DataRow("deepconvlstm", "MotionSense", 200, 12, 6, 522566, 79042310L)]
    [DataRow("deepconvlstm", "Shoaib", 200, 60, 7, 2095559, 383268743L)]
    public void Parameters_and_macs_equal_the_authors_log(string model, string dataset, int window, int channels, int classes, long parameters, long macs)
    {
        HarNetworkOptions options = model switch
        {
            "tinierhar" => new TinierHarOptions(),
            "tinyhar" => new TinyHarOptions(),
            _ => new DeepConvLstmOptions(),
        };

        var complexity = ModelComplexity.Of(options, window, channels, classes);

        Assert.AreEqual(parameters, complexity.Parameters, $"{model} on {dataset}: parameters");
        Assert.AreEqual(macs, complexity.Macs, $"{model} on {dataset}: MACs");
        Assert.IsLessThan(complexity.Macs, complexity.PlainMacs, "plain MACs leave out BatchNorm, activations and pooling");
        Assert.AreEqual(4 * parameters, complexity.Float32SizeBytes);
    }

    /// <summary>docs/internals.md counts the rows above as they are: every model on every dataset of the log.</summary>
    [TestMethod]
    public void The_docs_count_the_logs_rows()
    {
        var rows = typeof(AuthorsComplexityLogTests).GetMethod(nameof(Parameters_and_macs_equal_the_authors_log))!
            .GetCustomAttributes(typeof(DataRowAttribute), false).Cast<DataRowAttribute>().Select(r => r.Data).ToArray();
        var (models, datasets) = (rows.Select(r => r[0]).Distinct().Count(), rows.Select(r => r[1]).Distinct().Count());
        Assert.HasCount(models * datasets, rows, "one row per model and dataset");
        RepositoryDocuments.AssertQuotedIn("docs/internals.md", $"for all {datasets} datasets x {models} models (`AuthorsComplexityLogTests`, {rows.Length} rows)");
    }
}
