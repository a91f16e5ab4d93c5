#!/usr/bin/env bash
# Everything the tests need on a fresh machine, then every test. Prints "N passed, N failed" at the end.
set -euo pipefail
cd "$(dirname "$0")/.."
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1
scripts/install-peers.sh
# Front-end files the browser tests inject (axe-core), exact versions from package-lock.json.
npm ci --prefix tests/CecopComms.Tests --no-audit --no-fund --loglevel=error
dotnet restore CecopComms.sln
dotnet build CecopComms.sln -c Release --no-restore
log=$(mktemp)
status=0
dotnet test CecopComms.sln -c Release --no-build --logger "console;verbosity=normal" 2>&1 | tee "$log" || status=$?

# The suite once more on PostgreSQL: the tests start one cluster of their own (Debian's PostgreSQL 15, on 127.0.0.1)
# and give every test a database copied from a migrated template (tests/.../Infrastructure/TestStorage.cs). Left out
# only the classes that always run on a PostgreSQL of their own and so already ran above (storage copy, migrator,
# Quartz cluster, the peer itself). Round trips to a server leave the cores idle, so more classes run at once than on
# SQLite.
pg_filter="FullyQualifiedName!~StorageCopyTests&FullyQualifiedName!~PostgresMigratorTests&FullyQualifiedName!~ClusteredQuartzTests&FullyQualifiedName!~PostgresServerTests"
echo "== the suite on PostgreSQL"
CECOP_TEST_STORAGE=postgres dotnet test tests/CecopComms.Tests -c Release --no-build --filter "$pg_filter" --logger "console;verbosity=minimal" \
  -- xUnit.MaxParallelThreads=4 2>&1 | tee -a "$log" || status=$?

# The classes that deal in dates (scheduling, reach, tokens, consent, sign-up, audiences, the dashboard) once more with
# the test host's clock moved ahead by Debian's libfaketime: no test may depend on the day it runs. Only the test host
# is moved (vstest itself hangs under libfaketime); the processes it starts inherit the moved clock.
faketime_lib=/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1
# Left out: the classes that always run on a PostgreSQL server of their own (the Quartz cluster, the PostgreSQL
# migrator). The server keeps the machine's clock while only the test host's moves, and with the host 400 days ahead
# the three-node Quartz test does not see all its occurrences fire within its 40 s; the engine's own handling of a
# node whose clock is off is what the chaos benchmark tests (docs/performance.md).
date_classes="(FullyQualifiedName~CecopComms.Tests.Scheduling|FullyQualifiedName~CecopComms.Tests.Reach|FullyQualifiedName~Token|FullyQualifiedName~Consent|FullyQualifiedName~Signup|FullyQualifiedName~MemberLogin|FullyQualifiedName~Dashboard|FullyQualifiedName~CecopComms.Tests.Audience|FullyQualifiedName~MigratorTests)&FullyQualifiedName!~ClusteredQuartzTests&FullyQualifiedName!~PostgresMigratorTests"
for offset in ${CECOP_DATE_OFFSETS-+400d +1095d}; do
  settings=$(mktemp --suffix=.runsettings)
  printf '<RunSettings><RunConfiguration><EnvironmentVariables><LD_PRELOAD>%s</LD_PRELOAD><FAKETIME>%s</FAKETIME><DONT_FAKE_MONOTONIC>1</DONT_FAKE_MONOTONIC></EnvironmentVariables></RunConfiguration></RunSettings>\n' \
    "$faketime_lib" "$offset" > "$settings"
  echo "== date-bound classes with the clock moved $offset"
  dotnet test tests/CecopComms.Tests -c Release --no-build --settings "$settings" --filter "$date_classes" --logger "console;verbosity=minimal" 2>&1 | tee -a "$log" || status=$?
  rm -f "$settings"
done

# dotnet test prints a block per test project ("Total tests: N", "     Passed: N", "     Failed: N") at normal
# verbosity, and one line "Passed!  - Failed: N, Passed: N, ..." at minimal verbosity.
read -r passed failed < <(awk '
  /^ +Passed: +[0-9]+$/ {p+=$2}
  /^ +Failed: +[0-9]+$/ {f+=$2}
  /(Passed|Failed)! +- Failed: +[0-9]+, Passed: +[0-9]+/ {
    match($0, /Failed: +[0-9]+/); f+=substr($0, RSTART+8, RLENGTH-8)+0
    match($0, /Passed: +[0-9]+/); p+=substr($0, RSTART+8, RLENGTH-8)+0 }
  END {print p+0, f+0}' "$log")
rm -f "$log"
echo "${passed} passed, ${failed} failed"
exit $status
