#!/usr/bin/env bash
# The run command: installs what is missing, builds, and runs the local demo:
# a private MariaDB and bcoin regtest node, a cluster of three whirlpool-coordinator
# instances on that database, and several whirlpool-cli wallets that make Tx0s and mix
# in three pools through the cluster; after 3 mixes it kills -9 a pool's owner and
# shows the failover, and it stops after --mixes N (default 9) mixes or Ctrl-C.
# Options are passed to scripts/demo.sh (see its header).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
"$here/scripts/setup.sh"
"$here/scripts/build.sh" > "$here/build.log" 2>&1 || { tail -n 30 "$here/build.log"; exit 1; }
exec "$here/scripts/demo.sh" "$@"
