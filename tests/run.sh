#!/usr/bin/env bash
# The whole test suite, with every set-up step a fresh Debian machine with the .NET SDK needs:
# Debian's chromium for the browser tests, the local dotnet tools, a warning-free build, a formatting
# check, the compose files' validation, a throwaway PostgreSQL cluster, then every test project. Ends with one line "tests: N passed, N failed, N skipped".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium >/dev/null
fi

# Test folders of runs that were killed (all under one prefix): those older than three hours whose test process is gone.
# The test processes do the same when they start; this also covers a run killed before its first test.
tests_tmp="${TMPDIR:-/tmp}/usecasehub-tests"
if [ -d "$tests_tmp" ]; then
  find "$tests_tmp" -mindepth 1 -maxdepth 1 -type d -mmin +180 | while read -r folder; do
    owner=$(cat "$folder.owner-pid" 2>/dev/null || true)
    if [ -z "$owner" ] || ! kill -0 "$owner" 2>/dev/null; then rm -rf "$folder" "$folder.owner-pid" 2>/dev/null || true; fi
  done
fi

export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
dotnet tool restore >/dev/null
dotnet build UseCaseHub.sln -c Release -warnaserror -nologo -v quiet
dotnet format UseCaseHub.sln --verify-no-changes --no-restore -v quiet \
  || { echo "dotnet format found style problems: run 'dotnet format UseCaseHub.sln'"; exit 1; }

# The compose file (alone and with its "replicas" profile) must parse (Debian's docker-compose validates offline; no Docker engine is needed), with the
# dummy values of .env.example standing in for the secrets.
if ! command -v docker-compose >/dev/null; then
  echo "Installing Debian's docker-compose to validate the compose files..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  $sudo_cmd env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq docker-compose >/dev/null
fi
docker-compose --env-file .env.example -f docker-compose.yml config -q
docker-compose --env-file .env.example -f docker-compose.yml --profile replicas config -q
echo "compose files: valid"

# A throwaway PostgreSQL cluster for the PostgreSQL variants of the store and web tests (tests/postgres.sh:
# loopback, temporary directory, unprivileged user), stopped and deleted on exit. An already exported
# USECASEHUB_TEST_POSTGRES (a server of your own) is used as it is.
if [ -z "${USECASEHUB_TEST_POSTGRES:-}" ]; then
  export USECASEHUB_PG_STATE
  USECASEHUB_PG_STATE=$(mktemp -u "${TMPDIR:-/tmp}/usecasehub-pg-run.XXXXXX")
  trap 'tests/postgres.sh stop' EXIT
  # Assigned first: `eval "$(...)"` would carry on after a failed start and every PostgreSQL variant would be skipped.
  pg_env=$(tests/postgres.sh start)
  eval "$pg_env"
fi

log=$(mktemp)
set +e
dotnet test UseCaseHub.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -aEo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -aEo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
skipped=$(grep -aEo 'Skipped: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed, ${skipped} skipped (skipped: the Elasticsearch contract without ELASTICSEARCH_URL, PostgreSQL variants without USECASEHUB_TEST_POSTGRES, mounts where mounting is refused)"
exit "$status"
