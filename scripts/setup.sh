#!/usr/bin/env bash
# Installs everything the build, the tests and the demo need on Debian 12:
# Debian packages (apt) and the bcoin regtest node (npm). Idempotent and fast
# when everything is already there.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

apt_packages=(
  build-essential cmake ninja-build ccache pkg-config git curl ca-certificates
  qt6-base-dev qt6-websockets-dev qt6-httpserver-dev qt6-tools-dev qt6-tools-dev-tools qt6-l10n-tools libqt6sql6-mysql libqt6svg6
  libssl-dev libsecp256k1-dev libmariadb-dev-compat mariadb-server mariadb-client
  xvfb xauth xkb-data fonts-dejavu-core
)
# Node.js: keep whatever node/npm the machine has (it may come from NodeSource);
# fall back to Debian's packages only when there is none.
command -v node >/dev/null 2>&1 || apt_packages+=(nodejs)
command -v npm >/dev/null 2>&1 || apt_packages+=(npm)

missing=()
for p in "${apt_packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "setup: installing ${#missing[@]} Debian packages: ${missing[*]}"
  SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO=sudo
  $SUDO apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# bcoin 1.0.2 (with leveldown 6.1.1) for the regtest node used by tests and the demo.
bcoin_dir="$here/tests/support/bcoin"
if [ ! -x "$bcoin_dir/node_modules/.bin/bcoin" ]; then
  echo "setup: installing bcoin into $bcoin_dir/node_modules"
  (cd "$bcoin_dir" && npm ci --no-audit --no-fund --loglevel=error >/dev/null)
fi
