# Makes the authors' checkout in ./code importable (and the working folder, as their relative paths expect), and the
# HAPT data folder known. einops is imported only by their cross-attention and TinyHAR models, never by TinierHAR, and
# Debian has no package of it, so it is stubbed.
import os, sys, types

here = os.path.dirname(os.path.abspath(__file__))
hapt_raw_data = os.path.join(here, "..", "..", "..", "..", "shared", "data", "uci-har-hapt", "RawData")
sys.path.insert(0, os.path.join(here, "code"))
os.chdir(os.path.join(here, "code"))
for name in ("einops", "einops.layers", "einops.layers.torch"):
    sys.modules[name] = types.ModuleType(name)
sys.modules["einops"].rearrange = sys.modules["einops"].repeat = None
sys.modules["einops.layers.torch"].Rearrange = None


class Args(dict):
    """The settings object their code reads as attributes (args.name); a name not set reads as None."""
    __getattr__ = dict.get
    __setattr__ = dict.__setitem__


def hapt_args(fold, **settings):
    """Their HAPT data settings (4 s windows at 50 Hz with a 2 s step, z-score, 90 % training) for one fold, plus settings."""
    return Args(root_path=hapt_raw_data, freq_save_path="../Freq_data", window_save_path=f"../windows/fold{fold}", data_name="hapt",
                representation_type="time", sampling_freq=50, windowsize=200, datanorm_type="standardization", train_vali_quote=0.90,
                drop_transition=False, exp_mode="LOCV", **settings)


def window_namer(data_x, slidingwindows):
    """Names their loader's windows "user_experiment:offset", the offset counted in rows from the recording's start: the
    names experiment --validation-windows and --batch-order read."""
    first_row = data_x.reset_index().groupby("sub_id")["index"].min()

    def name(index):
        recording, start, _ = slidingwindows[index]
        return f"{recording}:{start - first_row[recording]}"

    return name


def only_fold(fold):
    """Makes their leave-subjects-out loader hold just this fold; they reseed before every fold, so one alone is faithful."""
    import dataloaders.dataloader_base as base
    original = base.BASE_DATA.__init__

    def one_fold(self, args):
        original(self, args)
        self.LOCV_keys = [self.LOCV_keys[fold - 1]]
        self.num_of_cv = 1

    base.BASE_DATA.__init__ = one_fold


def paper_args(fold, seed, train_epochs, to_save_path):
    """The paper-era TinierHAR settings of ../../shared/notes/reference-run.md (batch 256, AdamW 1e-3, plateau ×0.1 after 7,
    stop after 15) and every optional stage of their code off."""
    return hapt_args(fold, to_save_path=to_save_path, batch_size=256, shuffle=True, drop_last=False, train_epochs=train_epochs,
                     learning_rate=0.001, learning_rate_patience=7, learning_rate_factor=0.1, early_stop_patience=15, use_gpu=False, gpu=0,
                     use_multi_gpu=False, optimizer="Adam", criterion="CrossEntropy", model_type="tinierhar", seed=seed,
                     wavelet_filtering=False, wavelet_filtering_regularization=False, wavelet_filtering_finetuning=False,
                     wavelet_filtering_finetuning_percent=0.5, wavelet_filtering_learnable=False, wavelet_filtering_layernorm=False,
                     regulatization_tradeoff=0, number_wavelet_filtering=12, difference=False, filtering=False, magnitude=False,
                     weighted_sampler=False, pos_select=None, sensor_select=None, num_classes=12, input_length=200, c_in=6, f_in=1,
                     load_all=False, sample_wise=False, output_attention=False, mixup=False)


def new_experiment(args):
    """Their experiment object for these settings, with the folders it writes to made."""
    from experiment import Exp
    os.makedirs(args.to_save_path, exist_ok=True)
    os.makedirs(args.window_save_path, exist_ok=True)
    return Exp(args)
