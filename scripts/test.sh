#!/usr/bin/env bash
# Everything the tests need on a fresh machine, then every test. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-peers.sh
dotnet restore CecopComms.sln
dotnet build CecopComms.sln -c Release --no-restore
log=$(mktemp)
status=0
dotnet test CecopComms.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?
passed=$(grep -Eo 'Passed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
failed=$(grep -Eo 'Failed: +[0-9]+' "$log" | grep -Eo '[0-9]+' | awk '{s+=$1} END {print s+0}')
rm -f "$log"
echo "${passed:-0} passed, ${failed:-0} failed"
exit $status
