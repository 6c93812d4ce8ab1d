# Runs the authors' TinierHAR code on one HAPT fold, with the paper-era settings of ../../shared/notes/reference-run.md
# (batch 256, at most 150 epochs, float64) and nothing else changed: their loader, split, model, optimiser and schedule.
# Their code is not part of this repository. Put a checkout of github zhaxidele/TinierHAR (d5f6525a) in ./code
# beside this script, install Debian's python3-torch, python3-pandas, python3-sklearn, python3-yaml, python3-pywt,
# python3-skimage, python3-matplotlib, python3-seaborn and python3-tqdm, and run
#   OMP_NUM_THREADS=1 /usr/bin/python3 run_fold.py FOLD SEED THREADS > foldF-seedS.log
# then turn the log into a trajectory with log_to_csv.py.
import os, sys
fold, seed, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
from authors_code import hapt_args, only_fold
import torch
torch.set_num_threads(threads)
from experiment import Exp

only_fold(fold)
a = hapt_args(fold, to_save_path=f"../runs/fold{fold}", batch_size=256, shuffle=True, drop_last=False, train_epochs=150,
              learning_rate=0.001, learning_rate_patience=7, learning_rate_factor=0.1, early_stop_patience=15, use_gpu=False, gpu=0,
              use_multi_gpu=False, optimizer="Adam", criterion="CrossEntropy", model_type="tinierhar", seed=seed, wavelet_filtering=False,
              wavelet_filtering_regularization=False, wavelet_filtering_finetuning=False, wavelet_filtering_finetuning_percent=0.5,
              wavelet_filtering_learnable=False, wavelet_filtering_layernorm=False, regulatization_tradeoff=0, number_wavelet_filtering=12,
              difference=False, filtering=False, magnitude=False, weighted_sampler=False, pos_select=None, sensor_select=None,
              num_classes=12, input_length=200, c_in=6, f_in=1, load_all=False, sample_wise=False, output_attention=False, mixup=False)
os.makedirs(a.to_save_path, exist_ok=True)
os.makedirs(a.window_save_path, exist_ok=True)
Exp(a).train()
