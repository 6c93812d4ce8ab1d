# Runs the authors' TinierHAR code on one HAPT fold (as run_fold.py, float64, batch 256) and writes what another
# trainer needs to replay the run: its random streams and its losses at full precision.
#   initial.pth      the network's state after construction (parameters and BatchNorm buffers)
#   batches.txt.gz   per epoch one line: the training windows ("user_experiment:offset") in mini-batch order
#   losses.csv       epoch, phase (train/validation), batch, loss: every mini-batch's mean cross-entropy
#   best.pth         the best-validation state their run ends with
# Three things differ from their run, each so that a replay can compute the same numbers, each undone by a flag:
#   - dropout is off: its masks come from the same generator and would not fit a file of this size (--dropout);
#   - the windows are rounded to float32, as an ML.NET pipeline holds them (--float64-windows);
#   - the biases a BatchNorm or the attention softmax cancels get their true gradient, zero, instead of rounding noise
#     that depends on each library's summation order (--computed-cancelled-biases).
#   OMP_NUM_THREADS=1 /usr/bin/python3 replay.py FOLD SEED EPOCHS OUT_FOLDER [flags]
import gzip, os, shutil, sys
fold, seed, epochs, out = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3]), os.path.abspath(sys.argv[4])
flags = set(sys.argv[5:])
unknown = flags - {"--dropout", "--float64-windows", "--computed-cancelled-biases"}
if unknown:
    sys.exit(f"unknown flags: {' '.join(sorted(unknown))}")
from authors_code import only_fold, paper_args, new_experiment, window_namer
import torch
from torch.utils.data import RandomSampler
torch.set_num_threads(1)
from experiment import Exp

os.makedirs(out, exist_ok=True)
current_model = [None]  # the network in training, set where their code builds it

if "--dropout" not in flags:
    torch.nn.Dropout.forward = lambda self, x: x

if "--float64-windows" not in flags:
    import dataloaders
    window = dataloaders.data_set.__getitem__
    dataloaders.data_set.__getitem__ = lambda self, index: (lambda x, *rest: (x.astype("float32").astype("float64"), *rest))(*window(self, index))

if "--computed-cancelled-biases" not in flags:
    adamw_step = torch.optim.AdamW.step
    cancelled = ("depthwise.bias", "pointwise.bias", "F_shortcut.0.bias", "attention.bias")

    def step_with_true_zero(self, closure=None):
        for name, parameter in current_model[0].named_parameters():
            if name.endswith(cancelled) and parameter.grad is not None:
                parameter.grad.zero_()
        return adamw_step(self, closure)

    torch.optim.AdamW.step = step_with_true_zero

build_model = Exp.build_model


def build_and_save(self):
    model = build_model(self)  # their constructor runs once for __init__ and once per fold; the last one trains
    torch.save(model.state_dict(), os.path.join(out, "initial.pth"))
    current_model[0] = model
    return model


Exp.build_model = build_and_save

batch_lines = []
sampler_iter = RandomSampler.__iter__


namers = {}  # one per dataset: naming needs each recording's first row, found once


def recorded_iter(self):
    """The training loader's order of this epoch, as window names (only the training loader shuffles)."""
    data = self.data_source
    if id(data) not in namers:
        namers[id(data)] = window_namer(data.data_x, data.slidingwindows)
    name = namers[id(data)]
    order = list(sampler_iter(self))
    batch_lines.append(" ".join(name(data.window_index[position]) for position in order))
    return iter(order)


RandomSampler.__iter__ = recorded_iter

losses = []
phase = ["train"]
cross_entropy = torch.nn.CrossEntropyLoss.forward
validation = Exp.validation


def phased_validation(self, model, data_loader, criterion, index_of_cv=None, selected_index=None):
    """Their validation pass serves the validation windows every epoch and the test windows once (index_of_cv set)."""
    phase[0] = "validation" if index_of_cv is None else "test"
    try:
        return validation(self, model, data_loader, criterion, index_of_cv, selected_index)
    finally:
        phase[0] = "train"


Exp.validation = phased_validation


def recorded_loss(self, outputs, targets):
    loss = cross_entropy(self, outputs, targets)
    epoch = len(batch_lines)
    batch = sum(1 for e, p, _, _ in losses if e == epoch and p == phase[0]) + 1
    losses.append((epoch, phase[0], batch, loss.item()))
    return loss


torch.nn.CrossEntropyLoss.forward = recorded_loss

only_fold(fold)
exp = new_experiment(paper_args(fold, seed, epochs, f"../runs/replay-fold{fold}"))
exp.train()

with gzip.open(os.path.join(out, "batches.txt.gz"), "wt") as f:
    f.write("\n".join(batch_lines) + "\n")
with open(os.path.join(out, "losses.csv"), "w") as f:
    f.write("epoch,phase,batch,loss\n")
    f.writelines(f"{e},{p},{b},{l!r}\n" for e, p, b, l in losses if p != "test")
shutil.copy(os.path.join(exp.path, "cv_0", "final_best_vali.pth"), os.path.join(out, "best.pth"))
