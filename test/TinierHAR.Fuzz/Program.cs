using SharpFuzz;
using TinierHAR.Fuzz;

if (args is ["--write-seeds", var folder])
{
    CorpusSeeds.Write(folder);
    return;
}

// Under afl-fuzz (fuzz.sh): one process runs many inputs, each read from standard input.
Fuzzer.OutOfProcess.Run(stream =>
{
    using var buffer = new MemoryStream();
    stream.CopyTo(buffer);
    CsvLogTarget.Run(buffer.ToArray());
});
