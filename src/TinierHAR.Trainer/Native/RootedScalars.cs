using TorchSharp;
using static TorchSharp.torch;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// TorchSharp 0.107 turns a .NET number into a finalizable <see cref="Scalar"/> and passes only its handle to
/// libtorch, so a garbage collection on another thread can free the native scalar during the call (seen as
/// "Expected false to be true" from <c>Scalar::toFloat</c> within about 10^4 <c>a + b</c> under concurrent
/// collections). Scalars here live for the process; scalars made per call must be held by a <c>using</c>
/// that outlives the call.
/// </summary>
internal static class RootedScalars
{
    /// <summary>The integer 1, the <c>alpha</c> of a plain tensor sum.</summary>
    public static readonly Scalar One = 1.ToScalar();

    /// <summary><paramref name="left"/> + <paramref name="right"/> (broadcasting), without a temporary scalar.</summary>
    public static Tensor Plus(this Tensor left, Tensor right) => left.add(right, One);
}
