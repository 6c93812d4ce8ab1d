# Runs the authors' TinierHAR code on one HAPT fold, with the paper-era settings of ../../shared/notes/reference-run.md
# (batch 256, at most 150 epochs, float64) and nothing else changed: their loader, split, model, optimiser and schedule.
# Their code is not part of this repository. Put a checkout of github zhaxidele/TinierHAR (d5f6525a) in ./code
# beside this script, install Debian's python3-torch, python3-pandas, python3-sklearn, python3-yaml, python3-pywt,
# python3-skimage, python3-matplotlib, python3-seaborn and python3-tqdm, and run
#   OMP_NUM_THREADS=1 /usr/bin/python3 run_fold.py FOLD SEED THREADS > foldF-seedS.log
# then turn the log into a trajectory with log_to_csv.py.
import os, sys
fold, seed, threads = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
from authors_code import hapt_raw_data
import torch
torch.set_num_threads(threads)
import dataloaders.dataloader_base as base
from experiment import Exp

original = base.BASE_DATA.__init__
def one_fold(self, args):
    original(self, args)
    self.LOCV_keys = [self.LOCV_keys[fold - 1]]
    self.num_of_cv = 1
base.BASE_DATA.__init__ = one_fold

class dotdict(dict):
    __getattr__ = dict.get
    __setattr__ = dict.__setitem__

a = dotdict()
a.to_save_path = f"../runs/fold{fold}"
a.freq_save_path = "../Freq_data"
a.window_save_path = f"../windows/fold{fold}"
a.root_path = hapt_raw_data
a.drop_transition = False
a.datanorm_type = "standardization"
a.batch_size = 256
a.shuffle = True
a.drop_last = False
a.train_vali_quote = 0.90
a.train_epochs = 150
a.learning_rate = 0.001
a.learning_rate_patience = 7
a.learning_rate_factor = 0.1
a.early_stop_patience = 15
a.use_gpu = False
a.gpu = 0
a.use_multi_gpu = False
a.optimizer = "Adam"
a.criterion = "CrossEntropy"
a.data_name = "hapt"
a.model_type = "tinierhar"
a.seed = seed
a.wavelet_filtering = False
a.wavelet_filtering_regularization = False
a.wavelet_filtering_finetuning = False
a.wavelet_filtering_finetuning_percent = 0.5
a.wavelet_filtering_learnable = False
a.wavelet_filtering_layernorm = False
a.regulatization_tradeoff = 0
a.number_wavelet_filtering = 12
a.difference = False
a.filtering = False
a.magnitude = False
a.weighted_sampler = False
a.pos_select = None
a.sensor_select = None
a.representation_type = "time"
a.exp_mode = "LOCV"
a.sampling_freq = 50
a.num_classes = 12
a.windowsize = 200
a.input_length = 200
a.c_in = 6
a.f_in = 1
a.load_all = False
a.sample_wise = False
a.output_attention = False
a.mixup = False
os.makedirs(a.to_save_path, exist_ok=True)
os.makedirs(a.window_save_path, exist_ok=True)
Exp(a).train()
