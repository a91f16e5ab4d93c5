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
# dotnet test prints a block per test project ("Total tests: N", "     Passed: N", "     Failed: N").
read -r passed failed < <(awk '/^ +Passed: +[0-9]+$/ {p+=$2} /^ +Failed: +[0-9]+$/ {f+=$2} END {print p+0, f+0}' "$log")
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit $status
