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
