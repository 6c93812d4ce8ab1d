using System.Runtime.InteropServices;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// Switches libtorch's oneDNN (MKL-DNN) kernels off for the process, through libtorch's exported
/// <c>at::globalContext().setUserEnabledMkldnn(false)</c> (PyTorch's <c>torch.backends.mkldnn.enabled = False</c>,
/// which TorchSharp does not expose).
/// </summary>
/// <remarks>
/// Why: with libtorch 2.10's oneDNN LSTM kernel, TorchSharp's LSTM departs from the LSTM equations for most shapes
/// on this project's CPUs (by 0.03–0.6 on the outputs; e.g. input 40, hidden 40), while the plain kernels agree with
/// them, with ONNX Runtime and with the authors' PyTorch to 1e-7. A trained LSTM must score the same once exported.
/// </remarks>
internal static unsafe class LibTorchContext
{
    // Itanium C++ ABI names (Linux, macOS): at::globalContext() and at::Context::setUserEnabledMkldnn(bool).
    private const string GlobalContextSymbol = "_ZN2at13globalContextEv";
    private const string SetUserEnabledMkldnnSymbol = "_ZN2at7Context20setUserEnabledMkldnnEb";
    private const string UserEnabledMkldnnSymbol = "_ZNK2at7Context17userEnabledMkldnnEv";

    // NNPACK cannot initialise on CPUs without its instruction set ("Unsupported hardware") and libtorch then warns
    // on every convolution that tries it before falling back to the kernel it would use with NNPACK off.
    private const string SetUserEnabledNnpackSymbol = "_ZN2at7Context20setUserEnabledNNPACKEb";

    // MKL (linked into libtorch) may use fewer threads than configured when the machine is busy; sums then round
    // differently and a seeded training stops being reproducible across runs.
    private const string MklSetDynamicSymbol = "MKL_Set_Dynamic"; // the C entry point (by value); mkl_set_dynamic is the Fortran one (by pointer)

    /// <summary>
    /// Turns oneDNN off, and MKL's dynamic thread count and NNPACK off, in the libtorch at <paramref name="libtorchCpu"/>; returns
    /// null or why it could not.
    /// </summary>
    public static string? DisableOneDnn(string libtorchCpu)
    {
        var library = NativeLibrary.Load(libtorchCpu);
        if (NativeLibrary.TryGetExport(library, MklSetDynamicSymbol, out var setDynamic))
            ((delegate* unmanaged<int, void>)setDynamic)(0);
        if (!NativeLibrary.TryGetExport(library, GlobalContextSymbol, out var globalContext)
            || !NativeLibrary.TryGetExport(library, SetUserEnabledMkldnnSymbol, out var setEnabled)
            || !NativeLibrary.TryGetExport(library, UserEnabledMkldnnSymbol, out var isEnabled))
        {
            return $"'{libtorchCpu}' does not export at::Context::setUserEnabledMkldnn, needed to avoid its oneDNN LSTM kernel.";
        }
        var context = ((delegate* unmanaged<IntPtr>)globalContext)();
        ((delegate* unmanaged<IntPtr, byte, void>)setEnabled)(context, 0);
        if (NativeLibrary.TryGetExport(library, SetUserEnabledNnpackSymbol, out var setNnpack))
            ((delegate* unmanaged<IntPtr, byte, void>)setNnpack)(context, 0);
        return ((delegate* unmanaged<IntPtr, byte>)isEnabled)(context) == 0
            ? null
            : $"libtorch at '{libtorchCpu}' kept oneDNN enabled.";
    }

    /// <summary>Whether libtorch's oneDNN kernels are enabled (for tests).</summary>
    public static bool IsOneDnnEnabled(string libtorchCpu)
    {
        var library = NativeLibrary.Load(libtorchCpu);
        var context = ((delegate* unmanaged<IntPtr>)NativeLibrary.GetExport(library, GlobalContextSymbol))();
        return ((delegate* unmanaged<IntPtr, byte>)NativeLibrary.GetExport(library, UserEnabledMkldnnSymbol))(context) != 0;
    }
}
