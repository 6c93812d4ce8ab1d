using Microsoft.ML.Data;
using Microsoft.ML.Transforms;

namespace TinierHAR.MLNet.Scoring;

/// <summary>
/// The index of the largest value of the <c>Score</c> vector: a stateless CustomMapping saved by its contract name,
/// so that a saved model rebuilds it on load once this assembly is registered
/// (<c>mlContext.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly)</c>).
/// </summary>
[CustomMappingFactoryAttribute(ContractName)]
public sealed class ScoreArgMaxMapping : CustomMappingFactory<ScoreArgMaxMapping.Input, ScoreArgMaxMapping.Output>
{
    /// <summary>The contract name stored in saved models.</summary>
    public const string ContractName = "TinierHAR.ScoreArgMax";

    /// <summary>Name of the temporary column holding the 0-based index.</summary>
    public const string IndexColumnName = "PredictedIndex";

    /// <summary>The mapping's input row.</summary>
    public sealed class Input
    {
        /// <summary>Class probabilities.</summary>
        public float[] Score { get; set; } = [];
    }

    /// <summary>The mapping's output row.</summary>
    public sealed class Output
    {
        /// <summary>0-based index of the most probable class (the first among ties).</summary>
        [ColumnName(IndexColumnName)]
        public uint PredictedIndex { get; set; }
    }

    /// <summary>Computes the arg-max of one row.</summary>
    public static void Map(Input input, Output output) => output.PredictedIndex = (uint)ArgMax(input.Score);

    /// <summary>0-based index of the largest value (the first among ties).</summary>
    public static int ArgMax(ReadOnlySpan<float> values)
    {
        var best = 0;
        for (var i = 1; i < values.Length; i++)
        {
            if (values[i] > values[best])
                best = i;
        }
        return best;
    }

    /// <inheritdoc />
    public override Action<Input, Output> GetMapping() => Map;
}
