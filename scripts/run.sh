#!/usr/bin/env bash
# The run command: the project's main job. Installs what is missing and builds;
# then runs the local demo. In this first milestone only the foundation library
# and its test services exist, so it builds them and reports what is available.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" >/dev/null

echo
echo "Decentralized Whirlpool $(git -C "$here" describe --always --dirty 2>/dev/null || echo dev) built in $here/build"
echo "Available now:"
echo "  - wp_common: bitcoin/crypto/protocol core (library)"
echo "  - test services: tests/support/mariadb.sh DIR PORT, tests/support/bcoin.sh DIR PORT APIKEY"
executables=$(find "$here/build" -maxdepth 3 -type f -perm -u+x -name 'whirlpool-*' 2>/dev/null | sort)
if [ -n "$executables" ]; then
  echo "  - executables:"; printf '      %s\n' $executables
fi
echo "  - tests: $(cd "$here/build" && ctest -N | tail -n 1)"
echo "The coordinator cluster demo arrives with the coordinator (issues #3, #4)."
