#!/usr/bin/env bash
# The whole test suite, with every set-up step a fresh Debian machine with the .NET SDK needs:
# Debian's chromium for the browser tests, the local dotnet tools, a warning-free build, a formatting
# check, then every test project. Ends with one line "tests: N passed, N failed".
set -euo pipefail
cd "$(dirname "$0")/.."

if [ ! -x /usr/bin/chromium ]; then
  echo "Installing Debian's chromium for the browser tests..."
  sudo_cmd=""
  [ "$(id -u)" -eq 0 ] || sudo_cmd="sudo"
  $sudo_cmd apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq chromium >/dev/null
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

log=$(mktemp)
set +e
dotnet test UseCaseHub.sln -c Release --no-build --nologo 2>&1 | tee "$log"
status=${PIPESTATUS[0]}
set -e

passed=$(grep -aEo 'Passed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
failed=$(grep -aEo 'Failed: +[0-9]+' "$log" | awk '{s+=$2} END {print s+0}')
rm -f "$log"
echo "tests: ${passed} passed, ${failed} failed"
exit "$status"
