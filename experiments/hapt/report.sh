#!/usr/bin/env bash
# Regenerates every docs/training-fidelity.md section that comes from experiments/hapt: the results and seed tables with the
# reference beside them, the runs with WHAR Arena's windows, and with its whole protocol (windows and training recipe), each beside the paper's, the model comparison and its chart, the fold-1 seed-2 trajectories against the authors'
# logged runs (../shared/notes/reference-trajectories), the fold-1 seed-1 trajectories of the two float32 recipes,
# fold 2 on the authors' own split beside their runs, and the replay of their fold-2 seed-1 run.
#   experiments/hapt/report.sh
set -euo pipefail
cd "$(dirname "$0")/../.."
dotnet build samples/TinierHAR.Cli -c Release -v quiet -nologo > /dev/null
cli=(dotnet samples/TinierHAR.Cli/bin/Release/net10.0/tinierhar.dll)
"${cli[@]}" report --results experiments/hapt/results.csv --reference experiments/hapt/reference.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/authors-split/results.csv --reference experiments/hapt/reference.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/whar-windows/results.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/whar-windows/results.csv --compare experiments/hapt/results.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/whar-arena/results.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/whar-arena/results.csv --compare experiments/hapt/results.csv --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/whar-arena/results.csv --efficiency experiments/hapt/whar-arena/models.png --readme docs/training-fidelity.md > /dev/null
"${cli[@]}" report --results experiments/hapt/results.csv --efficiency experiments/hapt/models.png --readme docs/training-fidelity.md > /dev/null
runs=()
for f in experiments/hapt/trajectories/tinierhar-fold1-seed2-*.csv; do
  name=$(basename "$f" .csv); name=${name#tinierhar-fold1-seed2-}
  case $name in float32) label="ours float32 (default)";; float32-computed) label="ours float32, cancelled biases on their computed gradient";; *) label="ours $name";; esac
  runs+=("$label=$f")
done
runs+=("authors float64=../shared/notes/reference-trajectories/hapt-fold1-seed2-float64.csv" "authors float32=../shared/notes/reference-trajectories/hapt-fold1-seed2-float32.csv")
"${cli[@]}" report --trajectories "${runs[@]}" --plot experiments/hapt/trajectories-fold1-seed2.png --readme docs/training-fidelity.md > /dev/null
# Seed 1, the two float32 recipes: the same training losses, and the validation loss of the computed-gradient one.
"${cli[@]}" report --trajectories "ours float32 (default)=experiments/hapt/trajectories/tinierhar-fold1-seed1-float32.csv" \
    "ours float32, cancelled biases on their computed gradient=experiments/hapt/trajectories/tinierhar-fold1-seed1-float32-computed.csv" \
    --plot experiments/hapt/trajectories-fold1-seed1.png --readme docs/training-fidelity.md > /dev/null
# Fold 2 on the authors' own split: ours and theirs, seed by seed, on the same validation windows.
runs=()
for f in experiments/hapt/authors-split/trajectories/tinierhar-fold2-seed*-float32.csv; do
  seed=${f##*-seed}; seed=${seed%%-*}
  theirs=experiments/hapt/authors/trajectories/hapt-fold2-seed$seed-float64.csv
  [ -f "$theirs" ] && runs+=("ours seed $seed=$f" "authors seed $seed=$theirs")
done
"${cli[@]}" report --trajectories "${runs[@]}" --plot experiments/hapt/trajectories-fold2-authors-split.png --readme docs/training-fidelity.md > /dev/null
# The authors' fold-2 seed-1 run replayed: their initial state and batch order (authors/replay.py), float64 on both sides.
# Beside them, the authors' code once more with only the windows' last bits changed (float64, --float64-windows).
"${cli[@]}" report --trajectories "authors (replay.py)=experiments/hapt/authors/trajectories/hapt-fold2-seed1-replay.csv" \
    "ours, replaying it=experiments/hapt/replay/trajectories/tinierhar-fold2-seed1-float64.csv" \
    "authors, float64 windows=experiments/hapt/authors/trajectories/hapt-fold2-seed1-replay-float64-windows.csv" \
    --plot experiments/hapt/trajectories-fold2-replay.png --readme docs/training-fidelity.md > /dev/null
echo regenerated
