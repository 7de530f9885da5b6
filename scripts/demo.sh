#!/usr/bin/env bash
# The local demo of a coordinator cluster: a private MariaDB and bcoin regtest node,
# THREE whirlpool-coordinator instances (alpha, beta, gamma) sharing that database,
# with short timings and 3 s pool leases, and several whirlpool-cli wallets that are
# funded, make Tx0s into several pools and mix (and remix) through the cluster, each
# with all three instances as its bootstrap list. After --kill-after K mixes the demo
# kills (kill -9) the owner of the last mix's pool, prints how long until its pools are
# owned again and until the next mix in that pool, then restarts it. It stops after
# --mixes N mixes in total (or runs until Ctrl-C with --keep-running). Kill or stop an
# instance yourself too (kill -9 PID, or kill -STOP PID then kill -CONT PID). Everything
# runs under var/demo/ and is stopped by PID on exit.
#
# --gui also opens the desktop wallet, whirlpool-gui, on a funded regtest wallet of its own
# (var/demo/gui/demo.wallet, password "demo"): some of its coins are already in a pool and
# mix with the others; the rest is a deposit to try a Tx0 with. The demo then runs until the
# window is closed (or Ctrl-C). $WP_GUI_EXTRA_ARGS is added to its command line (tests).
#
#   scripts/demo.sh [--mixes N] [--wallets W] [--pools ID,ID,...] [--kill-after K | --no-kill]
#                   [--keep-running] [--gui] [--verbose]
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
bin="$here/build/bin"
support="$here/tests/support"
mixes=9 wallets=5 pools=0.01btc,0.001btc,0.05btc keep_running=0 verbose=0 kill_after=3 gui=0
usage="use --mixes N, --wallets W, --pools ID,ID,..., --kill-after K, --no-kill, --keep-running, --gui, --verbose"
while [ $# -gt 0 ]; do
  case "$1" in
    --mixes) mixes=$2; shift 2 ;;
    --wallets) wallets=$2; shift 2 ;;
    --pools|--pool) pools=$2; shift 2 ;;
    --kill-after) kill_after=$2; shift 2 ;;
    --no-kill) kill_after=0; shift ;;
    --keep-running) keep_running=1; shift ;;
    --gui) gui=1 keep_running=1; shift ;;
    --verbose) verbose=1; shift ;;
    *) echo "demo: unknown option $1 ($usage)" >&2; exit 2 ;;
  esac
done
[ "$wallets" -ge 5 ] || { echo "demo: --wallets must be at least 5 (one mix has 5 inputs)" >&2; exit 2; }
[ "$mixes" -ge 1 ] || { echo "demo: --mixes must be at least 1" >&2; exit 2; }
IFS=, read -r -a pool_list <<< "$pools"
[ "${#pool_list[@]}" -ge 1 ] || { echo "demo: --pools names no pool" >&2; exit 2; }
names=(alpha beta gamma)

dir="$here/var/demo"
rm -rf "$dir"; mkdir -p "$dir"
pids=()
cleanup() {
  trap - EXIT INT TERM
  for ((i=${#pids[@]}-1; i>=0; i--)); do
    kill -CONT "${pids[$i]}" 2>/dev/null || true   # an instance stopped with kill -STOP must see the TERM
    kill -TERM "${pids[$i]}" 2>/dev/null || true
  done
  for pid in "${pids[@]}"; do wait "$pid" 2>/dev/null || true; done
}
trap cleanup EXIT
trap 'echo; echo "demo: interrupted, stopping everything"; exit 130' INT TERM

used_ports=" "
free_port() { # a port nobody listens on and not handed out yet, from a random start
  local p=$(( 20000 + RANDOM % 20000 ))
  while [[ "$used_ports" == *" $p "* ]] || (exec 3<>"/dev/tcp/127.0.0.1/$p") 2>/dev/null; do p=$((p + 1)); done
  used_ports+="$p "
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
sql() { mariadb --no-defaults --protocol=tcp -h 127.0.0.1 -P "$db_port" -u wp -pwp whirlpool -N -B -e "$1" 2>/dev/null; }

export WP_NODE_PASSWORD=$node_key
node=(--node "http://127.0.0.1:$node_port/" --node-user x)
cli() { "$bin/whirlpool-cli" "${node[@]}" "$@"; }

# ---- the cluster: three instances on one database --------------------------------
write_ini() { # name port
  cat <<INI
[General]
name = $1
port = $2
pools = $pools
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
[cluster]
renew-ms = 500
lease-ttl-ms = 3000
fence-ms = 2000
INI
  for p in "${pool_list[@]}"; do printf '[pool.%s]\nanonymity-set = 5\nmin-must-mix = 2\nmin-liquidity = 0\n' "$p"; done
}
declare -A port pid url
for n in "${names[@]}"; do
  port[$n]=$(free_port)
  url[$n]="http://127.0.0.1:${port[$n]}"
  write_ini "$n" "${port[$n]}" > "$dir/$n.ini"
  # Started directly (no subshell), so $! is the coordinator itself.
  "$bin/whirlpool-coordinator" --config "$dir/$n.ini" > "$dir/$n.log" 2>&1 & pids+=($!); pid[$n]=$!
done
for n in "${names[@]}"; do
  # Health answers 503 until the instance knows which pools it owns.
  for _ in $(seq 300); do curl -sf "${url[$n]}/rest/system/health" >/dev/null && break; sleep 0.1; done
  curl -sf "${url[$n]}/rest/system/health" >/dev/null \
    || { echo "demo: coordinator $n did not start: $(tail -n 3 "$dir/$n.log")" >&2; exit 1; }
done
{
  printf '{"instances": ['
  sep=""
  for n in "${names[@]}"; do printf '%s\n  {"name": "%s", "urlClear": "%s"}' "$sep" "$n" "${url[$n]}"; sep=","; done
  printf '\n]}\n'
} > "$dir/cluster.json"

say "coordinator cluster (one MariaDB, pools $pools, leases renewed every 0.5 s, 3 s TTL):"
for n in "${names[@]}"; do
  printf '  %-6s %s  pid %-7s dashboard %s/status  log var/demo/%s.log\n' "$n" "${url[$n]}" "${pid[$n]}" "${url[$n]}" "$n"
done
if [ "$kill_after" -gt 0 ]; then
  say "failover: after $kill_after mixes the demo kills -9 the owner of a pool; try it yourself: kill -9 <pid> (or kill -STOP <pid>, later kill -CONT <pid>)"
else
  say "watch a failover: kill -9 <pid> (or kill -STOP <pid>, later kill -CONT <pid>) of an instance that owns pools"
fi

# ---- wallets, Tx0s -----------------------------------------------------------------
say "creating and funding $wallets wallets"
for w in $(seq "$wallets"); do cli --wallet "$dir/w$w.json" --birthday 1 create > /dev/null; done
cli --wallet "$dir/w1.json" mine --blocks 432 > /dev/null          # segwit activates at 432 on bcoin regtest
for w in $(seq "$wallets"); do cli --wallet "$dir/w$w.json" mine --blocks 1 > /dev/null; done
if [ "$gui" = 1 ]; then
  # The desktop wallet's keys, in a whirlpool-cli wallet too: the demo funds it and makes its first Tx0.
  mkdir -p "$dir/gui"
  gui_mnemonic=$(cli --wallet "$dir/gui/keys.json" --birthday 1 create | sed -n 's/^mnemonic[^:]*: //p')
  cli --wallet "$dir/gui/keys.json" mine --blocks 2 > /dev/null
fi
cli --wallet "$dir/w1.json" mine --blocks 100 > /dev/null          # coinbase maturity
# A mix needs at least 2 premix (mustMix) coins and may take 5 while no remix coin is confirmed yet:
# make enough for the worst case (every mix in one pool) plus a spare round. Running on, new Tx0s follow.
per_wallet=$(( (mixes * 5 + wallets - 1) / wallets + 1 ))
[ "$keep_running" = 1 ] && per_wallet=$(( per_wallet < 10 ? 10 : per_wallet ))
make_tx0s() { # outputs-per-wallet quiet: one Tx0 per wallet into each pool, then a block to confirm them
  local p w
  for p in "${pool_list[@]}"; do
    [ "$2" = 1 ] || say "Tx0s into pool $p (up to $1 premix outputs per wallet), through the cluster"
    for w in $(seq "$wallets"); do
      if [ "$2" = 1 ]; then
        cli --wallet "$dir/w$w.json" --bootstrap "$dir/cluster.json" --pool "$p" --max-outputs "$1" tx0 \
          >> "$dir/tx0.log" 2>&1 || echo "  [w$w] tx0 into $p failed (see var/demo/tx0.log)"
      else
        cli --wallet "$dir/w$w.json" --bootstrap "$dir/cluster.json" --pool "$p" --max-outputs "$1" tx0 \
          | grep -v '^cluster: ' | sed "s/^/  [w$w] /"
      fi
    done
    cli --wallet "$dir/w1.json" mine --blocks 1 > /dev/null        # confirms the Tx0s (and their change)
  done
}
make_tx0s "$per_wallet" 0
if [ "$gui" = 1 ]; then
  say "Tx0 of the desktop wallet into pool ${pool_list[0]} (4 premix coins); its other deposit coin is yours to try a Tx0"
  cli --wallet "$dir/gui/keys.json" --bootstrap "$dir/cluster.json" --pool "${pool_list[0]}" --max-outputs 4 tx0 \
    | grep -v '^cluster: ' | sed "s/^/  [gui] /"
  cli --wallet "$dir/w1.json" mine --blocks 1 > /dev/null
fi

# ---- mixing ------------------------------------------------------------------------
if [ "$keep_running" = 1 ]; then
  say "mixing in pools $pools through the cluster until Ctrl-C"
else
  say "mixing in pools $pools through the cluster until $mixes mixes succeeded (Ctrl-C to stop)"
fi
: > "$dir/mix.log"
for w in $(seq "$wallets"); do
  # $! must be the client itself (not a subshell) so that cleanup stops it by PID.
  "$bin/whirlpool-cli" "${node[@]}" --wallet "$dir/w$w.json" --bootstrap "$dir/cluster.json" --pool "$pools" \
      --concurrency 2 mix > >(sed -u "s/^/  [w$w] /" >> "$dir/mix.log") 2>&1 & pids+=($!)
done
# Every step is in var/demo/mix.log; the console shows what the cluster does to the clients.
if [ "$verbose" = 1 ]; then
  tail -n +1 -f "$dir/mix.log" & pids+=($!)
else
  tail -n +1 -f "$dir/mix.log" \
    > >(grep --line-buffered -E 'REDIRECT|FAILOVER|CONNECTION_FAILED| retry in |mix failed|error' || true) & pids+=($!)
fi

gui_pid=""
if [ "$gui" = 1 ]; then
  printf '%s\n' "$gui_mnemonic" > "$dir/gui/mnemonic"
  printf 'demo\n' > "$dir/gui/password"
  printf '%s\n' "$node_key" > "$dir/gui/node-password"
  # shellcheck disable=SC2086 # WP_GUI_EXTRA_ARGS is a list of words
  "$bin/whirlpool-gui" --network regtest --wallet "$dir/gui/demo.wallet" --wallet-dir "$dir/gui" \
      --restore-mnemonic-file "$dir/gui/mnemonic" --password-file "$dir/gui/password" --birthday 1 \
      --node-url "http://127.0.0.1:$node_port/" --node-user x --node-password-file "$dir/gui/node-password" \
      --bootstrap "$dir/cluster.json" ${WP_GUI_EXTRA_ARGS:-} > "$dir/gui.log" 2>&1 & pids+=($!); gui_pid=$!
  say "whirlpool-gui (pid $gui_pid) opens wallet var/demo/gui/demo.wallet (password: demo); close its window to end the demo"
fi

instance_state() { # name -> up / stopped / down
  local p=${pid[$1]}
  if ! kill -0 "$p" 2>/dev/null; then echo down; return; fi
  local state; state=$(awk '{print $3}' "/proc/$p/stat" 2>/dev/null || echo R)
  [ "$state" = T ] && echo "stopped (SIGSTOP)" || echo up
}
status() {
  local owners line n owned state
  # pool, owner of a valid lease (or -), successful mixes
  owners=$(sql "SELECT l.pool_id, IF(l.expires_at > UTC_TIMESTAMP(6), i.name, '-'),
                  (SELECT COUNT(*) FROM mix m WHERE m.pool_id = l.pool_id AND m.mix_status = 'SUCCESS')
                FROM pool_lease l LEFT JOIN cluster_instance i ON i.id = l.instance_id ORDER BY l.pool_id" || true)
  line="-- $(date +%T) mixes $total"
  [ "$keep_running" = 1 ] || line+="/$mixes"
  for n in "${names[@]}"; do
    state=$(instance_state "$n")
    owned=$(awk -v n="$n" '$2 == n {printf "%s%s", sep, $1; sep=","}' <<< "$owners")
    line+=" | $n pid ${pid[$n]} $state, owns ${owned:-nothing}"
  done
  say "$line"
  line="   pools:"
  while read -r p o c; do [ -n "$p" ] && line+=" $p owner ${o/#-/(none: changing owner)}, mixes: $c;"; done <<< "$owners"
  echo "$line"
}

now_ms() { date +%s%3N; }
pools_owned_by() { # name -> the pools of valid leases it holds, one per line
  sql "SELECT l.pool_id FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id
       WHERE i.name = '$1' AND l.expires_at > UTC_TIMESTAMP(6)" || true
}
owned_by_others() { # name pools... -> true when every pool has a valid lease of another instance
  local victim=$1 p o; shift
  for p in "$@"; do
    o=$(sql "SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id
             WHERE l.pool_id = '$p' AND l.expires_at > UTC_TIMESTAMP(6)" || true)
    [ -n "$o" ] && [ "$o" != "$victim" ] || return 1
  done
}

# The automatic failover: victim, its pools, when it was killed, the figures.
victim="" victim_pools=() killed_at=0 owned_ms="" next_mix_ms="" kill_done=0 rejoin="" rejoined_at=0
total=0 last_id=0 start=$SECONDS last_mine=0 last_status=$SECONDS last_pool="" last_topup=$SECONDS
while true; do
  # Faster polling while a failover is being measured.
  if [ -n "$victim" ]; then sleep 0.1; else sleep 0.5; fi
  # A block every 2 s confirms the new postmix coins, which then remix as liquidity.
  if [ $(( $(now_ms) - last_mine )) -ge 2000 ]; then
    cli --wallet "$dir/w1.json" mine --blocks 1 > /dev/null 2>&1 || true
    last_mine=$(now_ms)
  fi
  # Each new successful mix, from the shared database (whichever instance ran it).
  while read -r id p n txid; do
    [ -n "$id" ] || continue
    last_id=$id total=$((total + 1)) last_pool=$p
    say "== mix $total succeeded in pool $p on $n: $txid ($(( SECONDS - start ))s since mixing started)"
    if [ -n "$victim" ] && [ -z "$next_mix_ms" ] && [[ " ${victim_pools[*]} " == *" $p "* ]]; then
      next_mix_ms=$(( $(now_ms) - killed_at ))
      say "== failover: first mix in pool $p $next_mix_ms ms after kill -9 of its owner $victim"
    fi
  done < <(sql "SELECT m.id, m.pool_id, i.name, l.txid FROM mix m JOIN mix_log l ON l.mix_id = m.id
                JOIN cluster_instance i ON i.id = m.instance_id
                WHERE m.mix_status = 'SUCCESS' AND m.id > $last_id ORDER BY m.id" || true)

  if [ "$kill_after" -gt 0 ] && [ "$kill_done" = 0 ] && [ "$total" -ge "$kill_after" ] && [ -n "$last_pool" ]; then
    victim=$(sql "SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id
                  WHERE l.pool_id = '$last_pool' AND l.expires_at > UTC_TIMESTAMP(6)" || true)
    if [ -n "$victim" ] && [ -n "${pid[$victim]:-}" ]; then
      mapfile -t victim_pools < <(pools_owned_by "$victim")
      kill_done=1
      { kill -KILL "${pid[$victim]}" && wait "${pid[$victim]}"; } 2>/dev/null || true # (no "Killed" job notice)
      killed_at=$(now_ms)
      say "== failover: kill -9 $victim (pid ${pid[$victim]}), owner of ${victim_pools[*]}: its clients fail over, a survivor takes its pools when the leases expire (3 s)"
    else
      victim=""
    fi
  fi
  if [ -n "$victim" ] && [ -z "$owned_ms" ] && owned_by_others "$victim" "${victim_pools[@]}"; then
    owned_ms=$(( $(now_ms) - killed_at ))
    now_owners=$(for q in "${victim_pools[@]}"; do
                   printf '%s on %s\n' "$q" "$(sql "SELECT i.name FROM pool_lease l JOIN cluster_instance i ON i.id = l.instance_id
                                                      WHERE l.pool_id = '$q'" || true)"
                 done | paste -sd, - | sed 's/,/, /g')
    say "== failover: pools of $victim owned again after $owned_ms ms ($now_owners)"
  fi
  if [ -n "$victim" ] && { [ -n "$owned_ms" ] && [ -n "$next_mix_ms" ] || [ $(( $(now_ms) - killed_at )) -gt 90000 ]; }; then
    "$bin/whirlpool-coordinator" --config "$dir/$victim.ini" >> "$dir/$victim.log" 2>&1 & pids+=($!); pid[$victim]=$!
    say "== failover measured: pools owned again after ${owned_ms:-(not within 90 s)} ms, next mix after ${next_mix_ms:-(not within 90 s)} ms; $victim restarted (pid ${pid[$victim]})"
    rejoin=$victim rejoined_at=$(now_ms) victim=""
  fi
  if [ -n "$rejoin" ]; then
    back=$(pools_owned_by "$rejoin" | paste -sd, -)
    if [ -n "$back" ]; then
      say "== $rejoin rejoined the cluster and owns $back again after $(( $(now_ms) - rejoined_at )) ms (pools spread evenly, taken over by drain)"
      rejoin=""
    elif [ $(( $(now_ms) - rejoined_at )) -gt 30000 ]; then
      say "== $rejoin rejoined the cluster but owns no pool after 30 s"
      rejoin=""
    fi
  fi

  # Running on: every mix needs 2 premix coins, so new Tx0s now and then.
  if [ "$keep_running" = 1 ] && [ $(( SECONDS - last_topup )) -ge 45 ]; then
    say "== new Tx0s into every pool (premix coins for the next mixes)"
    make_tx0s 10 1
    last_topup=$SECONDS
  fi
  if [ $(( SECONDS - last_status )) -ge 5 ]; then status; last_status=$SECONDS; fi
  [ "$keep_running" = 0 ] && [ "$total" -ge "$mixes" ] && [ -z "$victim" ] && [ -z "$rejoin" ] && break
  if [ -n "$gui_pid" ] && ! kill -0 "$gui_pid" 2>/dev/null; then
    wait "$gui_pid" && gui_rc=0 || gui_rc=$?
    say "whirlpool-gui ended (exit code $gui_rc; its output: var/demo/gui.log)"
    break
  fi
done
status
say "done: $total mixes succeeded through the cluster; logs in var/demo/ (alpha.log, beta.log, gamma.log, mix.log)"
[ -z "$gui_pid" ] || exit "${gui_rc:-0}"
