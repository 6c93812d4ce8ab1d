# Writes the validation windows of the authors' split for one HAPT fold and seed, as their code draws it:
# random.seed(seed), then random.shuffle over the training subjects' windows in their loader's order, the last
# 10 % validating. One line per window, "user_experiment:offset", the offset counted in rows from the recording's start.
# Their loader orders a user's recordings as os.listdir lists them, so the split holds for this data folder.
#   /usr/bin/python3 split.py FOLD SEED > splits/foldF-seedS.txt
import random, sys
fold, seed = int(sys.argv[1]), int(sys.argv[2])
from authors_code import hapt_args, only_fold, window_namer
from dataloaders.dataloader_HAPT_har import HAPT_HAR_DATA

out, sys.stdout = sys.stdout, sys.stderr  # their loader prints its progress
only_fold(fold)
random.seed(seed)
data = HAPT_HAR_DATA(hapt_args(fold))
random.seed(seed)  # their fold loop seeds again before each fold
data.update_train_val_test_keys()
name = window_namer(data.data_x, data.train_slidingwindows)
print(f"{len(data.train_window_index)} training, {len(data.vali_window_index)} validation windows", file=sys.stderr)
for index in data.vali_window_index:
    print(name(index), file=out)
