#!/usr/bin/env bash
# The local demo: a private MariaDB and bcoin regtest node, one whirlpool-coordinator
# with short timings, several whirlpool-cli wallets that are funded, make their Tx0s
# and mix (and remix) until --mixes N mixes succeeded or Ctrl-C. Everything runs
# under var/demo/ and is stopped by PID on exit.
#
#   scripts/demo.sh [--mixes N] [--wallets W] [--pool ID]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$here/build/bin"
support="$here/tests/support"
mixes=3 wallets=5 pool=0.01btc
while [ $# -gt 0 ]; do
  case "$1" in
    --mixes) mixes=$2; shift 2 ;;
    --wallets) wallets=$2; shift 2 ;;
    --pool) pool=$2; shift 2 ;;
    *) echo "demo: unknown option $1 (use --mixes N, --wallets W, --pool ID)" >&2; exit 2 ;;
  esac
done
[ "$wallets" -ge 5 ] || { echo "demo: --wallets must be at least 5 (one mix has 5 inputs)" >&2; exit 2; }

dir="$here/var/demo"
rm -rf "$dir"; mkdir -p "$dir"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for ((i=${#pids[@]}-1; i>=0; i--)); do kill -TERM "${pids[$i]}" 2>/dev/null || true; done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'echo; echo "demo: interrupted, stopping everything"; exit 130' INT TERM

free_port() { # a port nobody listens on, from a random start
  local p=$(( 20000 + RANDOM % 20000 ))
  while (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  echo "$p"
}
wait_ready() { # file, what
  for _ in $(seq 600); do grep -q '^READY' "$1" 2>/dev/null && return 0; sleep 0.1; done
  echo "demo: $2 did not start: $(tail -n 3 "$1")" >&2; exit 1
}
say() { printf '\033[1m%s\033[0m\n' "$*"; }

db_port=$(free_port); "$support/mariadb.sh" "$dir/db" "$db_port" > "$dir/db.out" 2>&1 & pids+=($!)
node_port=$(free_port); node_key=demo$RANDOM
"$support/bcoin.sh" "$dir/node" "$node_port" "$node_key" > "$dir/node.out" 2>&1 & pids+=($!)
wait_ready "$dir/db.out" MariaDB; wait_ready "$dir/node.out" bcoin
say "MariaDB on port $db_port, bcoin regtest node on port $node_port"

export WP_NODE_PASSWORD=$node_key
node=(--node "http://127.0.0.1:$node_port/" --node-user x)
cli() { "$bin/whirlpool-cli" "${node[@]}" "$@"; }

coord_port=$(free_port)
cat > "$dir/coordinator.ini" <<INI
[General]
name = demo
port = $coord_port
pools = $pool
[db]
port = $db_port
user = wp
password = wp
[node]
url = http://127.0.0.1:$node_port/
user = x
password = $node_key
tip-refresh-ms = 1000
[fees]
# Demo secrets (the classic test coordinator's fee account): never use them with real money.
secret-words = all all all all all all all all all all all all
secret-passphrase = whirlpool
fee-xpub = vpub5YS8pQgZKVbrSn9wtrmydDWmWMjHrxL2mBCZ81BDp7Z2QyCgTLZCrnBprufuoUJaQu1ZeiRvUkvdQTNqV6hS96WbbVZgweFxYR1RXYkBcKt
[timings]
confirm-tick-ms = 1000
register-output-ms = 15000
reveal-output-ms = 5000
signing-ms = 15000
[pool.$pool]
anonymity-set = 5
min-must-mix = 2
min-liquidity = 0
INI
"$bin/whirlpool-coordinator" --config "$dir/coordinator.ini" > "$dir/coordinator.log" 2>&1 & pids+=($!)
coordinator="http://127.0.0.1:$coord_port"
for _ in $(seq 100); do curl -sf "$coordinator/rest/system/health" >/dev/null && break; sleep 0.1; done
curl -sf "$coordinator/rest/system/health" >/dev/null || { echo "demo: coordinator did not start: $(tail -n 3 "$dir/coordinator.log")" >&2; exit 1; }
say "whirlpool-coordinator on $coordinator (log: $dir/coordinator.log)"

say "creating and funding $wallets wallets"
for w in $(seq "$wallets"); do cli --wallet "$dir/w$w.json" --birthday 1 create > /dev/null; done
cli --wallet "$dir/w1.json" mine --blocks 432 > /dev/null          # segwit activates at 432 on bcoin regtest
for w in $(seq "$wallets"); do cli --wallet "$dir/w$w.json" mine --blocks 1 > /dev/null; done
cli --wallet "$dir/w1.json" mine --blocks 100 > /dev/null          # coinbase maturity
# A mix needs at least 2 premix (mustMix) coins and may take 5 while no remix coin is confirmed
# yet: make enough for the worst case, plus a spare round.
per_wallet=$(( (mixes * 5 + wallets - 1) / wallets + 1 ))
say "Tx0s into pool $pool ($per_wallet premix outputs per wallet)"
for w in $(seq "$wallets"); do
  cli --wallet "$dir/w$w.json" --coordinator "$coordinator" --pool "$pool" --max-outputs "$per_wallet" tx0 | sed "s/^/  [w$w] /"
done
cli --wallet "$dir/w1.json" mine --blocks 1 > /dev/null

say "mixing until $mixes mixes succeeded (Ctrl-C to stop)"
# A block every 2 s confirms the new postmix coins, which then remix as liquidity.
( while sleep 2; do "$bin/whirlpool-cli" "${node[@]}" --wallet "$dir/w1.json" mine --blocks 1 > /dev/null 2>&1 || true; done ) & pids+=($!)
: > "$dir/mix.log"
for w in $(seq "$wallets"); do
  # $! must be the client itself (not a subshell) so that cleanup stops it by PID.
  "$bin/whirlpool-cli" "${node[@]}" --wallet "$dir/w$w.json" --coordinator "$coordinator" --pool "$pool" --concurrency 2 mix \
      > >(sed -u "s/^/  [w$w] /" >> "$dir/mix.log") 2>&1 & pids+=($!)
done
tail -n +1 -f "$dir/mix.log" & pids+=($!)
seen=0
start=$SECONDS
while true; do
  # Distinct mix txids in order of appearance (every participant prints its mix).
  txids=$( { grep -o 'MIX SUCCESS [0-9a-f]*' "$dir/mix.log" || true; } | awk '!seen[$3]++ {print $3}')
  done_mixes=$(printf '%s' "$txids" | grep -c . || true)
  if [ "$done_mixes" -gt "$seen" ]; then
    seen=$done_mixes
    say "== $seen mix(es) succeeded, latest $(printf '%s\n' "$txids" | tail -n 1) ($(( SECONDS - start ))s since mixing started)"
  fi
  [ "$seen" -ge "$mixes" ] && break
  sleep 0.5
done
say "done: $seen mixes succeeded; pools: $(curl -s "$coordinator/rest/pools")"
