using System.Buffers.Binary;
using System.Text;

namespace TinierHAR.Trainer.Native;

/// <summary>
/// Reads the symbol-version tables of a 64-bit little-endian ELF shared library: the versions it needs from
/// other libraries (<c>.gnu.version_r</c>), the versions it defines (<c>.gnu.version_d</c>) and which dynamic
/// symbols are bound to which version; and marks a needed version weak (<c>VER_FLG_WEAK</c>), which makes the
/// dynamic loader only note, rather than refuse, a library that lacks it.
/// </summary>
internal sealed class ElfVersionNeeds
{
    private const uint ShtDynSym = 11;
    private const uint ShtGnuVerdef = 0x6ffffffd;
    private const uint ShtGnuVerneed = 0x6ffffffe;
    private const uint ShtGnuVersym = 0x6fffffff;
    private const ushort VerFlagWeak = 0x2;

    private readonly byte[] image;
    private readonly List<Section> sections = new();

    private ElfVersionNeeds(byte[] image, string path)
    {
        this.image = image;
        if (image.Length < 64 || image[0] != 0x7f || image[1] != (byte)'E' || image[2] != (byte)'L' || image[3] != (byte)'F')
            throw new InvalidDataException($"'{path}' is not an ELF file.");
        if (image[4] != 2 || image[5] != 1)
            throw new InvalidDataException($"'{path}' is not a 64-bit little-endian ELF file.");
        var sectionTable = (long)U64(0x28);
        int entrySize = U16(0x3A), count = U16(0x3C);
        for (var i = 0; i < count; i++)
        {
            var at = checked((int)(sectionTable + (long)i * entrySize));
            sections.Add(new Section(U32(at + 4), (int)U64(at + 24), (int)U64(at + 32), (int)U32(at + 40), (int)U64(at + 56)));
        }
    }

    /// <summary>Parses the ELF image <paramref name="image"/> read from <paramref name="path"/> (used in messages).</summary>
    public static ElfVersionNeeds Parse(byte[] image, string path) => new(image, path);

    /// <summary>The patched (or unchanged) image.</summary>
    public byte[] Image => image;

    /// <summary>Version names this library defines (for a library such as libstdc++).</summary>
    public IReadOnlySet<string> DefinedVersions()
    {
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var section in sections.Where(s => s.Type == ShtGnuVerdef))
        {
            var strings = sections[section.Link];
            var at = section.Offset;
            while (true)
            {
                int auxOffset = (int)U32(at + 12), next = (int)U32(at + 16);
                names.Add(ReadString(strings, (int)U32(at + auxOffset)));
                if (next == 0) break;
                at += next;
            }
        }
        return names;
    }

    /// <summary>The versions needed from the library named <paramref name="file"/> (e.g. <c>libstdc++.so.6</c>).</summary>
    public IReadOnlyList<NeededVersion> NeededFrom(string file)
    {
        var result = new List<NeededVersion>();
        foreach (var section in sections.Where(s => s.Type == ShtGnuVerneed))
        {
            var strings = sections[section.Link];
            var at = section.Offset;
            while (true)
            {
                int auxCount = U16(at + 2), aux = (int)U32(at + 8), next = (int)U32(at + 12);
                var neededFile = ReadString(strings, (int)U32(at + 4));
                var auxAt = at + aux;
                for (var i = 0; i < auxCount; i++)
                {
                    if (neededFile == file)
                        result.Add(new NeededVersion(ReadString(strings, (int)U32(auxAt + 8)), U16(auxAt + 6), auxAt));
                    auxAt += (int)U32(auxAt + 12);
                }
                if (next == 0) break;
                at += next;
            }
        }
        return result;
    }

    /// <summary>Names of the dynamic symbols bound to the version with index <paramref name="versionIndex"/>.</summary>
    public IReadOnlyList<string> SymbolsBoundTo(ushort versionIndex)
    {
        var dynsym = sections.Single(s => s.Type == ShtDynSym);
        var versym = sections.Single(s => s.Type == ShtGnuVersym);
        var strings = sections[dynsym.Link];
        var symbols = new List<string>();
        var count = dynsym.Size / dynsym.EntrySize;
        for (var i = 0; i < count; i++)
        {
            if ((U16(versym.Offset + 2 * i) & 0x7fff) == versionIndex)
                symbols.Add(ReadString(strings, (int)U32(dynsym.Offset + i * dynsym.EntrySize)));
        }
        return symbols;
    }

    /// <summary>Sets <c>VER_FLG_WEAK</c> on a needed version, in this in-memory image.</summary>
    public void MarkWeak(NeededVersion version)
    {
        var flags = (ushort)(U16(version.AuxOffset + 4) | VerFlagWeak);
        BinaryPrimitives.WriteUInt16LittleEndian(image.AsSpan(version.AuxOffset + 4), flags);
    }

    private string ReadString(Section strings, int offset)
    {
        var start = strings.Offset + offset;
        var end = Array.IndexOf(image, (byte)0, start);
        return Encoding.ASCII.GetString(image, start, end - start);
    }

    private ushort U16(int at) => BinaryPrimitives.ReadUInt16LittleEndian(image.AsSpan(at));
    private uint U32(int at) => BinaryPrimitives.ReadUInt32LittleEndian(image.AsSpan(at));
    private ulong U64(int at) => BinaryPrimitives.ReadUInt64LittleEndian(image.AsSpan(at));

    private readonly record struct Section(uint Type, int Offset, int Size, int Link, int EntrySize);
}
