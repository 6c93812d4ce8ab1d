# Runs the authors' TinierHAR code on one HAPT fold, with the paper-era settings of ../../shared/notes/reference-run.md
# (batch 256, at most 150 epochs, float64) and nothing else changed: their loader, split, model, optimiser and schedule.
# Their code is not part of this repository. Put a checkout of github zhaxidele/TinierHAR (d5f6525a) in ./code
# beside this script, install Debian's python3-torch, python3-pandas, python3-sklearn, python3-yaml, python3-pywt,
# python3-skimage, python3-matplotlib, python3-seaborn and python3-tqdm, and run
#   OMP_NUM_THREADS=1 /usr/bin/python3 run_fold.py FOLD SEED THREADS [EPOCHS [float32]] > foldF-seedS.log
# then turn the log into a trajectory with log_to_csv.py. EPOCHS (default 150) caps the run, for timing; float32 runs
# the same code with the model and its inputs in float32 (their .double() calls made .float()), PyTorch's usual precision.
import sys
fold, seed, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
epochs = int(sys.argv[4]) if len(sys.argv) > 4 else 150
from authors_code import only_fold, paper_args, new_experiment
import torch
torch.set_num_threads(threads)
if len(sys.argv) > 5 and sys.argv[5] == "float32":
    torch.Tensor.double = torch.Tensor.float
    torch.nn.Module.double = torch.nn.Module.float

only_fold(fold)
new_experiment(paper_args(fold, seed, epochs, f"../runs/fold{fold}")).train()
