using System.Diagnostics.CodeAnalysis;

namespace TinierHAR.Trainer.Training;

/// <summary>The floating-point type the network trains in; the exported ONNX model is float32 either way.</summary>
[SuppressMessage("Naming", "CA1720:Identifier contains type name", Justification = "The precisions' own names, as PyTorch and ONNX call them.")]
public enum TrainingPrecision
{
    /// <summary>32-bit floats: the fast default.</summary>
    Float32,

    /// <summary>64-bit floats, as the TinierHAR authors' code trains (<c>model.double()</c>).</summary>
    Float64,
}
