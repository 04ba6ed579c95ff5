#!/usr/bin/env bash
# A throwaway PostgreSQL cluster for the tests: loopback only, a temporary directory, an unprivileged user.
#   tests/postgres.sh start   starts one (installing Debian's postgresql when missing) and prints an `export` line
#   tests/postgres.sh env     prints the `export USECASEHUB_TEST_POSTGRES=...` line of the running cluster
#   tests/postgres.sh stop    stops it and deletes its directory
# Local use:  eval "$(tests/postgres.sh start)"; dotnet test ...; tests/postgres.sh stop
# The cluster's directory is remembered in $USECASEHUB_PG_STATE (default /tmp/usecasehub-pg.state), so `stop`
# and `env` find it from another shell. tests/run.sh uses its own state file and stops the cluster on exit.
set -euo pipefail

state=${USECASEHUB_PG_STATE:-${TMPDIR:-/tmp}/usecasehub-pg.state}

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }

bindir() {
  local dir
  for dir in $(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V -r); do
    [ -x "$dir/initdb" ] && { echo "$dir"; return 0; }
  done
  return 1
}

ensure_installed() {
  bindir >/dev/null && return 0
  echo "Installing Debian's postgresql for the PostgreSQL tests..." >&2
  as_root apt-get update -qq >&2
  # sudo drops the environment: the variable goes through env.
  as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql >/dev/null
  # Debian's package starts a system cluster of its own; the tests never use it.
}

# postgres refuses to run as root: as root we run it as the `postgres` system user (or `nobody`).
run_as() {
  if [ "$(id -u)" -eq 0 ]; then
    local user=postgres
    id "$user" >/dev/null 2>&1 || user=nobody
    runuser -u "$user" -- "$@"
  else
    "$@"
  fi
}

cluster_user() {
  if [ "$(id -u)" -eq 0 ]; then id postgres >/dev/null 2>&1 && echo postgres || echo nobody; else id -un; fi
}

free_port() {
  local port
  for _ in $(seq 1 50); do
    port=$((20000 + RANDOM % 40000))
    if ! (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null; then echo "$port"; return 0; fi
  done
  return 1
}

print_env() {
  [ -f "$state" ] || { echo "No throwaway PostgreSQL running (no $state)." >&2; return 1; }
  local dir; dir=$(cat "$state")
  echo "export USECASEHUB_TEST_POSTGRES='$(cat "$dir/connection")'"
}

start() {
  if [ -f "$state" ] && [ -d "$(cat "$state")" ]; then print_env; return 0; fi
  ensure_installed
  local bin dir port password user
  bin=$(bindir)
  dir=$(mktemp -d "${TMPDIR:-/tmp}/usecasehub-pg.XXXXXX")
  user=$(cluster_user)
  chmod 700 "$dir"
  mkdir -p "$dir/data" "$dir/socket"
  password=$(head -c 18 /dev/urandom | base64 | tr -d '/+=')
  echo "$password" > "$dir/password"
  [ "$(id -u)" -eq 0 ] && chown -R "$user" "$dir"
  # Password authentication even on loopback: other local users must not reach the test databases.
  run_as "$bin/initdb" -D "$dir/data" -U hub --pwfile="$dir/password" --auth=scram-sha-256 \
    --encoding=UTF8 --locale=C.UTF-8 >"$dir/initdb.log" 2>&1 \
    || { cat "$dir/initdb.log" >&2; rm -rf "$dir"; return 1; }
  rm -f "$dir/password"
  for attempt in 1 2 3; do
    port=$(free_port)
    # Durability is pointless for a throwaway cluster: fsync off makes migrations and CREATE DATABASE fast.
    if run_as "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w -t 60 start -o \
      "-c listen_addresses=127.0.0.1 -c port=$port -c unix_socket_directories=$dir/socket -c max_connections=300 -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null; then
      break
    fi
    [ "$attempt" -eq 3 ] && { cat "$dir/server.log" >&2; rm -rf "$dir"; return 1; }
  done
  echo "Host=127.0.0.1;Port=$port;Username=hub;Password=$password;Database=postgres" > "$dir/connection"
  echo "$dir" > "$state"
  echo "Throwaway PostgreSQL on 127.0.0.1:$port in $dir" >&2
  print_env
}

stop() {
  [ -f "$state" ] || return 0
  local dir bin; dir=$(cat "$state")
  bin=$(bindir || true)
  if [ -n "$bin" ] && [ -f "$dir/data/postmaster.pid" ]; then
    run_as "$bin/pg_ctl" -D "$dir/data" -m immediate -w stop >/dev/null 2>&1 || true
  fi
  rm -rf "$dir" "$state"
}

case "${1:-}" in
  start) start ;;
  stop) stop ;;
  env) print_env ;;
  *) echo "usage: $0 start|stop|env" >&2; exit 2 ;;
esac
