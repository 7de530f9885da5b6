#!/usr/bin/env bash
# Private bcoin regtest node (in memory, no peers) for tests, benchmarks and the demo.
#
#   bcoin.sh DIR HTTP_PORT API_KEY
#
# Starts bcoin 1.0.2 (installed by scripts/setup.sh) listening for JSON-RPC on
# 127.0.0.1:HTTP_PORT (HTTP basic auth, any user, password API_KEY), waits until
# it answers and prints one line
#   READY url=http://127.0.0.1:HTTP_PORT/ apikey=API_KEY pid=PID
# then stays in the foreground until SIGTERM/SIGINT/SIGHUP, which stops the node
# by its PID. Exits non-zero with a one-line reason on stderr when it cannot start.
set -euo pipefail
dir=${1:?usage: bcoin.sh DIR HTTP_PORT API_KEY}
port=${2:?usage: bcoin.sh DIR HTTP_PORT API_KEY}
key=${3:?usage: bcoin.sh DIR HTTP_PORT API_KEY}
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
bin="$here/bcoin/node_modules/.bin/bcoin"
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
log="$dir/bcoin.log"

fail() { echo "bcoin.sh: $*" >&2; exit 1; }
[ -x "$bin" ] || fail "bcoin is not installed at $bin (run scripts/setup.sh)"
command -v curl >/dev/null || fail "curl not found (run scripts/setup.sh)"

# --max-outbound=0 crashes bcoin; --seeds=, (an empty list) stops it dialling 127.0.0.1.
"$bin" --network=regtest --memory=true --no-wallet --prefix="$dir" \
  --http-host=127.0.0.1 --http-port="$port" --api-key="$key" \
  --listen=false --max-outbound=1 --seeds=, \
  --index-tx=true --index-address=true --log-level=warning >"$log" 2>&1 &
pid=$!

stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exit 0
}
trap stop TERM INT HUP

rpc() { curl -s -m 2 -u "x:$key" -d "{\"method\":\"$1\",\"params\":[]}" "http://127.0.0.1:$port/"; }
for _ in $(seq 300); do
  rpc getblockcount 2>/dev/null | grep -q '"result"' && break
  kill -0 "$pid" 2>/dev/null || fail "bcoin exited: $(tail -n 3 "$log" | tr '\n' ' ')"
  sleep 0.1
done
rpc getblockcount 2>/dev/null | grep -q '"result"' || { kill -KILL "$pid"; fail "bcoin not answering after 30 s"; }

echo "READY url=http://127.0.0.1:$port/ apikey=$key pid=$pid"
wait "$pid" || fail "bcoin exited unexpectedly: $(tail -n 2 "$log" | tr '\n' ' ')"
