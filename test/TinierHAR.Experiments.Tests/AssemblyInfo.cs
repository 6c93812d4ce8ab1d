// Tests seed libtorch's process-wide random generator; running them one at a time keeps each run reproducible.
[assembly: DoNotParallelize]
