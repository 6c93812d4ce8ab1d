# Turns the console log of run_fold.py into a trajectory CSV in the columns of experiments/hapt/trajectories
# (the learning rate is the one in force during the epoch) and prints the run's test summary.
#   python3 log_to_csv.py fold2-seed1.log trajectory.csv
import re, sys
rate, seconds, rows, summary = 0.001, {}, [], None
for line in open(sys.argv[1]):
    if m := re.match(r"Epoch: (\d+) cost time: ([\d.]+)", line):
        seconds[int(m[1])] = float(m[2])
    elif m := re.match(r"VALI: Epoch: (\d+), Steps: \d+ \| Train Loss: ([\d.]+)\s+Vali Loss: ([\d.]+) Vali Accuracy: ([\d.]+)\s+Vali weighted F1: ([\d.]+)\s+Vali macro F1 ([\d.]+)", line):
        epoch = int(m[1])
        rows.append(f"{epoch},{seconds[epoch]:.3f},{m[2]},{m[3]},{m[4]},{m[5]},{m[6]},{rate:g}")
    elif m := re.match(r"Updating learning rate to ([\d.e-]+)", line):
        rate = float(m[1])
    elif m := re.match(r"Final Test Performance : Test Accuracy: ([\d.]+)\s+Test weighted F1: ([\d.]+)\s+Test macro F1 ([\d.]+)", line):
        summary = m.groups()
with open(sys.argv[2], "w") as out:
    out.write("epoch,train_seconds,train_loss,validation_loss,validation_accuracy,validation_weighted_f1,validation_macro_f1,learning_rate\n")
    out.write("\n".join(rows) + "\n")
losses = [float(r.split(",")[3]) for r in rows]
best = min(range(len(losses)), key=losses.__getitem__)
rise = max(b / a for a, b in zip(losses, losses[1:]))
median = sorted(seconds.values())[len(seconds) // 2]
print(f"epochs {len(rows)}, best validation loss {losses[best]:.4f} at epoch {best + 1}, largest rise x{rise:.2f}, median training pass {median:.2f} s")
print("test accuracy, weighted F1, macro F1:", summary)
