#!/usr/bin/env bash
# The run command: installs what is missing, builds, and runs the local demo:
# a private MariaDB and bcoin regtest node, a whirlpool-coordinator, and several
# whirlpool-cli wallets that make Tx0s and mix until --mixes N (default 3) mixes
# succeeded or Ctrl-C. Options are passed to scripts/demo.sh.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" > "$here/build.log" 2>&1 || { tail -n 30 "$here/build.log"; exit 1; }
exec "$here/scripts/demo.sh" "$@"
