namespace TinierHAR.Trainer.Native;

/// <summary>A version needed from another library: its name, its version index and where its entry lies.</summary>
internal readonly record struct NeededVersion(string Name, ushort Index, int AuxOffset);
