using Microsoft.Extensions.Logging;
using Orleans.Concurrency;
using TinierHAR.Cluster.Hosting;
using TinierHAR.Cluster.Jobs;

namespace TinierHAR.Cluster.Grains;

/// <summary>
/// The job: its files and their states in grain storage (memory, or PostgreSQL), two files in flight per active silo,
/// each given to a worker grain. A worker whose silo dies fails its call once Orleans's membership declares the silo
/// dead; the file goes back to the queue and another silo scores it. The grain is reentrant, so that status queries
/// are answered while workers run, and a timer keeps it alive and dispatching while the job is unfinished.
/// </summary>
[Reentrant]
internal sealed partial class ScoringJobGrain(
    [PersistentState("job", ScoringCluster.JobStorageName)] IPersistentState<ScoringJobStatus> job,
    ILogger<ScoringJobGrain> log) : Grain, IScoringJobGrain
{
    /// <summary>Attempts after which a file whose workers keep failing is given up.</summary>
    internal const int MaxAttempts = 6;

    /// <summary>
    /// The wait before a file whose worker did not come back is queued again: until the membership declares the
    /// worker's silo dead, the file's grain still points at it, so each attempt waits twice as long, at most 30 s.
    /// </summary>
    internal static TimeSpan RetryDelay(int attempts) => TimeSpan.FromSeconds(Math.Min(30, 1 << attempts));

    private static readonly TimeSpan PumpInterval = TimeSpan.FromSeconds(2);
    private readonly HashSet<string> inFlight = new(StringComparer.Ordinal);
    private Task lastSave = Task.CompletedTask;
    private IGrainTimer? timer;

    /// <inheritdoc />
    public async Task<ScoringJobStatus> Submit(ScoringJobSpec spec)
    {
        ArgumentNullException.ThrowIfNull(spec);
        if (spec.JobId != this.GetPrimaryKeyString())
            throw new ArgumentException($"The spec names job '{spec.JobId}', not '{this.GetPrimaryKeyString()}'.", nameof(spec));
        if (job.State.Spec is null)
        {
            job.State.Spec = spec;
            job.State.Files = spec.Inputs.Select(input => new JobFile { Input = input }).ToList();
            job.State.SubmittedUtc = DateTime.UtcNow;
            await Save();
        }
        else
        {
            RequireSameJob(spec, nameof(spec));
            if (Reopen(spec) > 0)
                await Save();
        }
        await Pump();
        return job.State;
    }

    /// <summary>A job's id names one spec: another spec under it (other inputs, outputs or options) is refused.</summary>
    private void RequireSameJob(ScoringJobSpec spec, string parameter)
    {
        if (!SameJob(job.State.Spec!, spec))
            throw new ArgumentException($"Job '{spec.JobId}' exists with other inputs, outputs or options.", parameter);
    }

    /// <summary>
    /// A job submitted again scores once more what its files' outputs no longer show as done: files that failed (the user
    /// may have fixed them) and done files whose marker is gone (their outputs were deleted or moved).
    /// </summary>
    private int Reopen(ScoringJobSpec spec)
    {
        var reopened = job.State.Files.Where(f => f.State == FileState.Failed
            || f.State == FileState.Done && !File.Exists(FileScoring.Outputs(spec.OutputFolder, f.Input).Marker)).ToList();
        foreach (var file in reopened)
            (file.State, file.Attempts, file.Outcome, file.Silo) = (FileState.Pending, 0, null, null);
        return reopened.Count;
    }

    /// <inheritdoc />
    public async Task<ScoringJobStatus> Restore(ScoringJobStatus last)
    {
        ArgumentNullException.ThrowIfNull(last);
        if (last.Spec is not { } spec || spec.JobId != this.GetPrimaryKeyString())
            throw new ArgumentException($"The copy is not of job '{this.GetPrimaryKeyString()}'.", nameof(last));
        if (job.State.Spec is null)
        {
            job.State.Spec = spec;
            job.State.Files = last.Files;
            job.State.SubmittedUtc = last.SubmittedUtc;
            job.State.Restorations = last.Restorations + 1;
            await Save();
        }
        else
        {
            RequireSameJob(spec, nameof(last));
        }
        await Pump();
        return job.State;
    }

    /// <inheritdoc />
    public async Task<ScoringJobStatus> Status()
    {
        await Pump();
        return job.State;
    }

    /// <inheritdoc />
    public Task Started(string input, string silo)
    {
        if (job.State.Files.Find(f => f.Input == input) is { State: FileState.Running } file)
            file.Silo = silo;
        return Task.CompletedTask;
    }

    /// <inheritdoc />
    public override Task OnActivateAsync(CancellationToken cancellationToken)
    {
        job.State.DoneStored = job.State.Done; // what was read is what is stored
        return base.OnActivateAsync(cancellationToken);
    }

    private static bool SameJob(ScoringJobSpec a, ScoringJobSpec b) =>
        a.ModelPath == b.ModelPath && a.OutputFolder == b.OutputFolder && a.OptionsJson == b.OptionsJson && a.Inputs.SequenceEqual(b.Inputs);

    /// <summary>Gives waiting files to workers up to the in-flight limit; a file "running" in an earlier activation waits again.</summary>
    private async Task Pump()
    {
        if (job.State.Spec is not { } spec || job.State.Completed)
        {
            timer?.Dispose();
            timer = null;
            return;
        }
        timer ??= this.RegisterGrainTimer(_ => Pump(), new GrainTimerCreationOptions { DueTime = PumpInterval, Period = PumpInterval, Interleave = true, KeepAlive = true });
        var waiting = job.State.Files.Where(f => f.State is FileState.Pending or FileState.Running && !inFlight.Contains(f.Input)).ToList();
        if (waiting.Count == 0) return; // a status poll while every file is with a worker asks the cluster nothing
        var limit = 2 * Math.Max(1, (await GrainFactory.GetGrain<IManagementGrain>(0).GetHosts(onlyActive: true)).Count);
        foreach (var file in waiting)
        {
            if (inFlight.Count >= limit) break;
            if (inFlight.Add(file.Input))
                _ = Dispatch(spec, file);
        }
    }

    private async Task Dispatch(ScoringJobSpec spec, JobFile file)
    {
        try
        {
            file.State = FileState.Running;
            file.Attempts++;
            file.Silo = null;
            await Save();
            try
            {
                var outcome = await GrainFactory.GetGrain<IFileScoringGrain>($"{spec.JobId}|{file.Input}").Score(spec, file.Input);
                file.Outcome = outcome;
                file.State = outcome.Error is null ? FileState.Done : FileState.Failed;
            }
            catch (Exception e)
            {
                // The worker's silo died or the call timed out: the file waits for another worker.
                FileDidNotComeBack(log, e, spec.JobId, file.Input, file.Attempts);
                if (file.Attempts >= MaxAttempts)
                {
                    file.State = FileState.Failed;
                    file.Outcome = new FileOutcome { Error = $"{file.Input}: no worker finished it in {file.Attempts} attempts; the last: {e.Message}" };
                }
                else
                {
                    await Task.Delay(RetryDelay(file.Attempts));
                    file.State = FileState.Pending;
                }
            }
            await Save();
        }
        finally
        {
            inFlight.Remove(file.Input);
        }
        await Pump();
    }

    /// <summary>Writes the job's state, one write after the other (the grain is reentrant).</summary>
    private Task Save() => lastSave = SaveAfter(lastSave);

    private async Task SaveAfter(Task previous)
    {
        // The previous write's caller sees its failure; this write goes ahead with the newer state regardless.
        await previous.ContinueWith(_ => { }, TaskScheduler.Current);
        var done = job.State.Done;
        await job.WriteStateAsync();
        job.State.DoneStored = done;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Job {Job}: {File} (attempt {Attempt}) did not come back")]
    private static partial void FileDidNotComeBack(ILogger logger, Exception error, string job, string file, int attempt);
}
