using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using TinierHAR.Cluster.Grains;
using TinierHAR.Cluster.Jobs;
using TinierHAR.MLNet.Scoring;

namespace TinierHAR.Cluster.Hosting;

/// <summary>The client's side of a job: the spec, then submit and follow it to the end, surviving the loss of a silo.</summary>
public static class ScoringJobRunner
{
    private static readonly TimeSpan Retry = TimeSpan.FromSeconds(1);

    /// <summary>
    /// The job that scores <paramref name="inputs"/> with the bundle at <paramref name="modelPath"/> into
    /// <paramref name="outputFolder"/>; its id is a hash of all of it, so the same command names the same job (and a
    /// second run reattaches to it, or resumes it, skipping what is done).
    /// </summary>
    public static ScoringJobSpec CreateSpec(string modelPath, IEnumerable<string> inputs, string outputFolder, LogCsvScoringOptions options)
    {
        ArgumentNullException.ThrowIfNull(inputs);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var files = inputs.Select(Path.GetFullPath).ToArray();
        if (files.Length == 0)
            throw new ArgumentException("The job has no input files.", nameof(inputs));
        var clash = files.GroupBy(FileScoring.OutputName, StringComparer.Ordinal).FirstOrDefault(g => g.Count() > 1);
        if (clash is not null)
            throw new ArgumentException($"Inputs {string.Join(" and ", clash)} would write the same outputs ('{clash.Key}'); give the files distinct names.", nameof(inputs));
        var model = Path.GetFullPath(modelPath);
        var output = Path.GetFullPath(outputFolder);
        var json = JsonSerializer.Serialize(options, FileScoring.Json);
        var key = string.Join('\n', [model, output, json, .. files]);
        var id = "job-" + Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(key)))[..16].ToLowerInvariant();
        return new ScoringJobSpec { JobId = id, ModelPath = model, Inputs = files, OutputFolder = output, OptionsJson = json };
    }

    /// <summary>
    /// Submits <paramref name="spec"/> (or reattaches to it) and follows it until every file is done or failed,
    /// reporting each status to <paramref name="progress"/>. Calls that fail while a silo is lost are retried.
    /// </summary>
    public static async Task<ScoringJobStatus> RunAsync(IClusterClient client, ScoringJobSpec spec, Action<ScoringJobStatus>? progress = null,
        TimeSpan? poll = null, CancellationToken cancellation = default)
    {
        ArgumentNullException.ThrowIfNull(client);
        ArgumentNullException.ThrowIfNull(spec);
        var job = client.GetGrain<IScoringJobGrain>(spec.JobId);
        var status = await Retrying(() => job.Submit(spec), cancellation);
        while (!status.Completed)
        {
            progress?.Invoke(status);
            await Task.Delay(poll ?? TimeSpan.FromMilliseconds(500), cancellation);
            var last = status;
            status = await Retrying(job.Status, cancellation);
            // The job's state was in memory on a silo that died: give it back the last copy seen here (attempts and outcomes kept).
            if (status.Spec is null)
                status = await Retrying(() => job.Restore(last), cancellation);
        }
        progress?.Invoke(status);
        return status;
    }

    private static async Task<T> Retrying<T>(Func<Task<T>> call, CancellationToken cancellation)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (Exception e) when (e is OrleansException or TimeoutException && attempt < 120)
            {
                await Task.Delay(Retry, cancellation);
            }
        }
    }
}
