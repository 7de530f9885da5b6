#!/usr/bin/env bash
# The test command: installs what is missing, configures, builds, and runs the
# whole test suite (unit, db, node, ...) against a private MariaDB and bcoin node
# that the tests start themselves. Extra arguments go to ctest (e.g. -L unit).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh"
cd "$here/build"
ctest --output-on-failure --timeout 600 -j "$(nproc)" "$@"
