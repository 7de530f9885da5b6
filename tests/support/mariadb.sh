#!/usr/bin/env bash
# Private MariaDB server for tests, benchmarks and the demo.
#
#   mariadb.sh DIR PORT
#
# Initialises DIR/data on first use, starts mariadbd on 127.0.0.1:PORT with its
# socket and pid file in DIR, creates the database `whirlpool` and the user
# `wp`/`wp` (TCP) and prints one line
#   READY port=PORT socket=DIR/mysqld.sock user=wp password=wp database=whirlpool pid=PID
# then stays in the foreground until it receives SIGTERM/SIGINT/SIGHUP, which
# shuts mariadbd down cleanly (by its PID). Exits non-zero with a one-line
# reason on stderr when the server cannot start.
set -euo pipefail
dir=${1:?usage: mariadb.sh DIR PORT}
port=${2:?usage: mariadb.sh DIR PORT}
mkdir -p "$dir"
dir=$(cd "$dir" && pwd)
sock="$dir/mysqld.sock"
log="$dir/error.log"

fail() { echo "mariadb.sh: $*" >&2; exit 1; }
command -v mariadbd >/dev/null || fail "mariadbd not found (run scripts/setup.sh)"

# A private tmpdir: bootstrap temp tables are named after the PID, and processes
# in other PID namespaces sharing /tmp can collide ("Unknown table
# 'mysql.tmp_user_sys'" when several servers are initialised at once).
tmp="$dir/tmp"
mkdir -p "$tmp"

if [ ! -d "$dir/data/mysql" ]; then
  mariadb-install-db --no-defaults --datadir="$dir/data" --tmpdir="$tmp" --user=root \
      --auth-root-authentication-method=socket --skip-test-db >"$dir/install.log" 2>&1 \
    || fail "mariadb-install-db failed: $(tail -n 3 "$dir/install.log" | tr '\n' ' ')"
fi

mariadbd --no-defaults --datadir="$dir/data" --tmpdir="$tmp" --socket="$sock" --pid-file="$dir/mysqld.pid" \
    --port="$port" --bind-address=127.0.0.1 --user=root --log-error="$log" \
    --skip-log-bin --innodb-buffer-pool-size=64M --max-connections=500 \
    --character-set-server=utf8mb4 --collation-server=utf8mb4_unicode_ci >/dev/null 2>&1 &
pid=$!

stop() {
  kill -TERM "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
  exit 0
}
trap stop TERM INT HUP

for _ in $(seq 300); do
  mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1 && break
  kill -0 "$pid" 2>/dev/null || fail "mariadbd exited: $(grep -E 'ERROR|error' "$log" | tail -n 2 | tr '\n' ' ')"
  sleep 0.1
done
mariadb-admin --no-defaults --socket="$sock" -uroot ping >/dev/null 2>&1 || { kill -KILL "$pid"; fail "mariadbd not ready after 30 s"; }

mariadb --no-defaults --socket="$sock" -uroot <<'SQL'
CREATE DATABASE IF NOT EXISTS whirlpool CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'wp'@'localhost' IDENTIFIED BY 'wp';
CREATE USER IF NOT EXISTS 'wp'@'127.0.0.1' IDENTIFIED BY 'wp';
GRANT ALL ON *.* TO 'wp'@'localhost';
GRANT ALL ON *.* TO 'wp'@'127.0.0.1';
SQL

echo "READY port=$port socket=$sock user=wp password=wp database=whirlpool pid=$pid"
wait "$pid" || fail "mariadbd exited unexpectedly: $(tail -n 2 "$log" | tr '\n' ' ')"
