#!/usr/bin/env bash
# One WISDM 2019 watch subject as one generic CSV log: the accelerometer's and the gyroscope's files (each
# "subject,activity,timestamp,x,y,z;", the timestamp in ns since the watch booted) merged into one time-ordered
# stream, each row filling its own sensor's columns. Both files list the activities in the same order, and the clock
# may restart between activities, so rows are merged by (activity block, timestamp): never across an activity.
# usage: merge-wisdm-watch.sh <wisdm-2019-watch folder> <subject id> <output .csv>
set -euo pipefail
dataset=$1 subject=$2 output=$3
awk -F, -v gyro=<(gzip -dc "$dataset/gyro/data_${subject}_gyro_watch.txt.gz") '
    function field(line, n,   f, count) { sub(/;$/, "", line); count = split(line, f, ","); return f[count - 6 + n] }
    function next_gyro() {
        has_gyro = (getline g < gyro) > 0
        if (has_gyro && field(g, 2) != gyro_activity) { gyro_block++; gyro_activity = field(g, 2) }
    }
    function write_gyro() { print field(g, 1) "," field(g, 2) "," field(g, 3) ",,,," field(g, 4) "," field(g, 5) "," field(g, 6); next_gyro() }
    function gyro_first() {
        return has_gyro && (gyro_block < block || gyro_block == block && field(g, 3) + 0 < field($0, 3) + 0)
    }
    BEGIN { print "subject,activity,timestamp,ax,ay,az,gx,gy,gz"; next_gyro() }
    {
        if (field($0, 2) != activity) { block++; activity = field($0, 2) }
        while (gyro_first()) write_gyro()
        print field($0, 1) "," field($0, 2) "," field($0, 3) "," field($0, 4) "," field($0, 5) "," field($0, 6) ",,,"
    }
    END { while (has_gyro) write_gyro() }
' <(gzip -dc "$dataset/accel/data_${subject}_accel_watch.txt.gz") > "$output.partial"
mv "$output.partial" "$output"
