using Microsoft.ML;
using Microsoft.ML.Data;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.MLNet.Onnx;

/// <summary>
/// Fits a chain of built-in transformers around an in-memory ONNX model so that nothing outlives the chain on disk.
/// ML.NET's OnnxTransformer reads its model from a file: from a path it never deletes the file, and from a
/// <see cref="Stream"/> (Microsoft.ML 6.0.0) it writes a temporary copy that it never deletes either; only a model
/// it deserialises from bytes gets a temporary copy that is deleted when the transformer is disposed. So the chain is
/// fitted on a private copy of the model, saved to memory and loaded back, and the private copy is deleted.
/// </summary>
internal static class OwnedOnnxChain
{
    /// <summary>The fitted chain of <paramref name="estimator"/> (given the model's file path) on <paramref name="input"/>;
    /// disposing the returned chain deletes the temporary files of its ONNX transformers.</summary>
    public static TransformerChain<ITransformer> Fit(MLContext ml, byte[] onnxModel, Func<string, IEstimator<ITransformer>> estimator, IDataView input)
    {
        var directory = Directory.CreateTempSubdirectory("tinierhar-onnx-");
        try
        {
            var path = Path.Combine(directory.FullName, "model.onnx");
            File.WriteAllBytes(path, onnxModel);
            using var image = new MemoryStream();
            var fitted = estimator(path).Fit(input);
            try
            {
                ml.Model.Save(fitted, input.Schema, image);
            }
            finally
            {
                (fitted as IDisposable)?.Dispose();
            }
            image.Position = 0;
            ml.ComponentCatalog.RegisterAssembly(typeof(ScoreArgMaxMapping).Assembly);
            return (TransformerChain<ITransformer>)ml.Model.Load(image, out _);
        }
        finally
        {
            directory.Delete(recursive: true);
        }
    }
}
