using System.Globalization;
using System.Runtime.InteropServices;
using TinierHAR.MLNet.CExport;

namespace TinierHAR.TestSupport;

/// <summary>
/// An exported C model built for a Cortex-M4 with Debian's <c>gcc-arm-none-eabi</c> (<c>-mcpu=cortex-m4
/// -mfpu=fpv4-sp-d16 -mfloat-abi=hard -O2</c>) into <c>eng/c-model/cortex-m4</c>'s firmware, and run under
/// <c>qemu-system-arm</c> on the mps2-an386 board (a Cortex-M4 with FPU) with <c>-icount shift=0</c>, so that guest time
/// counts instructions; the firmware reads windows and writes scores through semihosting.
/// </summary>
public sealed class CortexM4Firmware
{
    private const string Flags = "-mcpu=cortex-m4 -mfpu=fpv4-sp-d16 -mfloat-abi=hard -mthumb -O2 -std=c99 -ffunction-sections -fdata-sections";

    private readonly string directory;
    private readonly string qemu;

    private CortexM4Firmware(string directory, string qemu, int classes)
    {
        this.directory = directory;
        this.qemu = qemu;
        Classes = classes;
    }

    /// <summary>Classes K.</summary>
    public int Classes { get; }

    /// <summary>The model's object file: code and constants (text, rodata), initialised data and zeroed data (bss), in bytes.</summary>
    public (int Text, int Data, int Bss) ModelObject { get; private set; }

    /// <summary>Flash the model adds to the firmware: code, weights and the <c>expf</c>/<c>tanhf</c> it links from newlib's libm.</summary>
    public int FirmwareFlashAdded { get; private set; }

    /// <summary>Writes <paramref name="model"/> into <paramref name="folder"/>, builds the firmware and its baseline, and measures the object.</summary>
    public static CortexM4Firmware Build(HarCModel model, string folder, int classes)
    {
        var gcc = CModelHost.RequireTool("arm-none-eabi-gcc", "gcc-arm-none-eabi");
        var size = CModelHost.RequireTool("arm-none-eabi-size", "binutils-arm-none-eabi");
        var qemu = CModelHost.RequireTool("qemu-system-arm", "qemu-system-arm");
        model.WriteTo(folder);
        var harness = Path.Combine(SharedData.RepositoryRoot, "eng", "c-model", "cortex-m4");
        var firmware = new CortexM4Firmware(folder, qemu, classes);
        var common = $"{Flags} -Wall -Wextra -Werror -I \"{folder}\" -I \"{harness}\"";
        Run(gcc, $"{common} -c {HarCModel.SourceFileName} -o model.o", folder);
        foreach (var (elf, define) in new[] { ("firmware.elf", ""), ("baseline.elf", "-DBASELINE") })
        {
            Run(gcc, $"{common} {define} -nostartfiles -T \"{Path.Combine(harness, "mps2-an386.ld")}\" \"{Path.Combine(harness, "startup.c")}\" \"{Path.Combine(harness, "main.c")}\" "
                + $"{(define.Length == 0 ? HarCModel.SourceFileName : "")} -Wl,--gc-sections --specs=nano.specs --specs=nosys.specs -lm -o {elf}", folder);
        }
        firmware.ModelObject = Berkeley(Run(size, "model.o", folder));
        firmware.FirmwareFlashAdded = Berkeley(Run(size, "firmware.elf", folder)).Text - Berkeley(Run(size, "baseline.elf", folder)).Text;
        return firmware;
    }

    /// <summary>
    /// Scores windows (n × T × C) on the emulated Cortex-M4: per window the probabilities, the class returned and the
    /// instructions it took; and the stack's high-water mark of the scoring loop in bytes.
    /// </summary>
    public (float[][] Probabilities, int[] Predicted, long[] Instructions, int StackBytes) Score(float[] windows)
    {
        File.WriteAllBytes(Path.Combine(directory, "windows.f32"), MemoryMarshal.AsBytes(windows.AsSpan()).ToArray());
        var output = Run(qemu, "-M mps2-an386 -nographic -monitor none -semihosting-config enable=on,target=native -icount shift=0 -kernel firmware.elf", directory);
        var summary = output.Split('\n').Single(l => l.StartsWith("calibration-ticks ", StringComparison.Ordinal)).Split(' ');
        var calibrationTicks = double.Parse(summary[1], CultureInfo.InvariantCulture);
        var instructionsPerTick = 2_000_000 / calibrationTicks; // the calibration loop: 1,000,000 turns of subs and bne
        var rows = MemoryMarshal.Cast<byte, float>(File.ReadAllBytes(Path.Combine(directory, "scores.f32"))).ToArray().Chunk(Classes + 2).ToArray();
        return (rows.Select(r => r[..Classes]).ToArray(), rows.Select(r => (int)r[Classes]).ToArray(),
            rows.Select(r => (long)Math.Round(r[Classes + 1] * instructionsPerTick)).ToArray(), int.Parse(summary[3], CultureInfo.InvariantCulture));
    }

    private static string Run(string tool, string arguments, string folder)
    {
        var (exitCode, output) = ChildProcess.Run(tool, arguments, folder, TimeSpan.FromMinutes(5));
        Assert.AreEqual(0, exitCode, $"{Path.GetFileName(tool)} {arguments}\n{output}");
        return output;
    }

    /// <summary>text, data and bss from <c>size</c>'s Berkeley format (its second line).</summary>
    private static (int Text, int Data, int Bss) Berkeley(string output)
    {
        var fields = output.Split('\n')[1].Split((char[])[' ', '\t'], StringSplitOptions.RemoveEmptyEntries).Take(3).Select(f => int.Parse(f, CultureInfo.InvariantCulture)).ToArray();
        return (fields[0], fields[1], fields[2]);
    }
}
