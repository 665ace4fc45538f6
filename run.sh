#!/usr/bin/env bash
# Install what is missing, build Loopscope (Release) and run it with the given arguments.
#   ./run.sh                      open the window
#   ./run.sh run demo.py          run a program headless
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
"$here/.ci/setup" >&2
exec "$here/build/bin/loopscope" "$@"
