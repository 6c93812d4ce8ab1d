#!/usr/bin/python3
# Writes the MAT reader's independent references with SciPy (Debian: apt-get install python3-scipy):
#   scipy-written.mat, scipy-written-compressed.mat  variables with known values (MatFileTests states them again)
#   usc-had-scipy.csv  what SciPy reads from some real USC-HAD files (../shared/data/usc-had): rows and per-column
#                      sum, min, max, first and last value of sensor_readings, printed to 17 significant digits
# Run from this folder: ./make_fixtures.py [path of usc-had]
import sys, os
import numpy as np
import scipy.io

rows, cols = 3, 4
readings = np.array([[r * 10 + c + 0.25 for c in range(cols)] for r in range(rows)], dtype=np.float64)  # r*10 + c + 0.25
variables = {
    "title": "written by scipy",
    "sensor_readings": readings,
    "counts": np.array([[0, 7, 255], [3, 128, 1]], dtype=np.uint8),
    "offsets": np.array([[-32768, -1, 0, 32767]], dtype=np.int16),
    "column": np.arange(5, dtype=np.float64) / 8,  # saved as a 5 x 1 column
}
for name, compress in (("scipy-written.mat", False), ("scipy-written-compressed.mat", True)):
    scipy.io.savemat(name, variables, format="5", do_compression=compress, oned_as="column")

root = sys.argv[1] if len(sys.argv) > 1 else "../../../../../shared/data/usc-had"
files = ["Subject1/a1t1.mat", "Subject7/a8t3.mat", "Subject14/a12t5.mat", "Subject14/a3t2.mat", "Subject3/a8t5.mat"]
with open("usc-had-scipy.csv", "w") as out:
    out.write("file,rows,column,sum,min,max,first,last\n")
    for f in files:
        r = scipy.io.loadmat(os.path.join(root, f))["sensor_readings"]
        for c in range(r.shape[1]):
            v = r[:, c]
            out.write(f"{f},{r.shape[0]},{c},{v.sum():.17g},{v.min():.17g},{v.max():.17g},{v[0]:.17g},{v[-1]:.17g}\n")
