// One test class at a time: several classes train in-process through TorchSharp, and two trainings at once in one
// test host crashed it natively once in CI (libtorch's global generator and thread settings are process-wide).
[assembly: DoNotParallelize]
