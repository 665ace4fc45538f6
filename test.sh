#!/usr/bin/env bash
# Install what is missing, build Loopscope and run every test with CTest (headless).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/.ci/setup"
cd "$here/build"
QT_QPA_PLATFORM=offscreen ctest --output-on-failure -j2 "$@"
