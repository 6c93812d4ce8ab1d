#!/usr/bin/env bash
# Debian's chromium, the browser the service's page is tested in (Playwright drives it; nothing is downloaded any
# other way). Installs it where missing (as root, from the package registry).
#   eng/chromium.sh
set -euo pipefail
if [ ! -x /usr/bin/chromium ]; then
    apt-get update -qq > /dev/null
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium > /dev/null
fi
/usr/bin/chromium --version
