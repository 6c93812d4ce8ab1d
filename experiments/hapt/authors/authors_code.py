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


def only_fold(fold):
    """Makes their leave-subjects-out loader hold just this fold; they reseed before every fold, so one alone is faithful."""
    import dataloaders.dataloader_base as base
    original = base.BASE_DATA.__init__

    def one_fold(self, args):
        original(self, args)
        self.LOCV_keys = [self.LOCV_keys[fold - 1]]
        self.num_of_cv = 1

    base.BASE_DATA.__init__ = one_fold
