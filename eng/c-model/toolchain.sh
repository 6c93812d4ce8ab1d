#!/usr/bin/env bash
# The C toolchains the exported C model is tested with: the host's gcc and binutils, Debian's gcc-arm-none-eabi with
# newlib (libm) for the Cortex-M4, and qemu-system-arm to run it. Installs whatever is missing (as root, from the
# package registry); prints the versions.
#   eng/c-model/toolchain.sh
set -euo pipefail
missing=()
command -v gcc > /dev/null || missing+=(gcc)
command -v nm > /dev/null || missing+=(binutils)
command -v arm-none-eabi-gcc > /dev/null || missing+=(gcc-arm-none-eabi)
[ -d /usr/lib/arm-none-eabi/newlib ] || missing+=(libnewlib-arm-none-eabi)
command -v qemu-system-arm > /dev/null || missing+=(qemu-system-arm)
if [ ${#missing[@]} -gt 0 ]; then
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" > /dev/null
fi
gcc --version | head -1
arm-none-eabi-gcc --version | head -1
qemu-system-arm --version | head -1
